// What reaches Bolt's HTTP receiver must be an object. Bolt reads `body.ssl_check` outside its own
// try, so a signed JSON body of `null` (or a number, or an array) threw from the request handler
// and took the process down. The body is read here once (Bolt then uses it as `rawBody`), and one
// that is not an object, or not what Slack sends, is answered 400 before Bolt sees it.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { HTTPReceiver } from "@slack/bolt";
import type { Logger } from "../../logger.ts";

/** Larger than anything Slack sends (Bolt's own limit is 4 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parsesToObject(json: string): boolean {
  try {
    return isPlainObject(JSON.parse(json));
  } catch {
    return false;
  }
}

/** Whether a raw body has the shape Slack sends: a JSON object, or form fields (payload: object). */
export function isSlackShapedBody(raw: string, contentType: string): boolean {
  if (contentType.includes("application/json")) return parsesToObject(raw);
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const payload = new URLSearchParams(raw).get("payload");
    return payload === null || parsesToObject(payload);
  }
  return false;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(message);
}

/** Puts the body check in front of the receiver's request listener. */
export function guardRequests(receiver: HTTPReceiver, logger: Logger): void {
  const listener: RequestListener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    void (async () => {
      let raw: Buffer | null;
      try {
        raw = await readBody(req);
      } catch (error) {
        logger.warn({ err: error }, "slack: could not read a request body");
        refuse(res, 400, "unreadable body");
        return;
      }
      if (raw === null) return refuse(res, 413, "body too large");
      if (!isSlackShapedBody(raw.toString("utf8"), String(req.headers["content-type"] ?? ""))) {
        logger.warn(
          { path: req.url, bytes: raw.length },
          "slack: refused a request whose body is not an object",
        );
        return refuse(res, 400, "the body must be a JSON object or Slack's form fields");
      }
      // Bolt reads a body already buffered on the request instead of the (consumed) stream.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
      try {
        listener(req, res);
      } catch (error) {
        logger.error({ err: error }, "slack: the receiver failed on a request");
        if (!res.headersSent) refuse(res, 500, "internal error");
      }
    })();
  };
}
