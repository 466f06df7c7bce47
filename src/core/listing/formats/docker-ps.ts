// `docker ps`: a row per container, its PORTS column listing published ports as
// `0.0.0.0:8080->80/tcp, :::8080->80/tcp` (or `[::]:8080->80/tcp`), ranges as
// `0.0.0.0:7000-7002->7000-7002/tcp`. Ports only exposed (`80/tcp`) are not on the host: skipped.
import { isListedAddress } from "../endpoint.ts";
import type { FormatReader, ListedProtocol, ListedSocket, RowSockets } from "../model.ts";

const CONTAINER_ID = /^[0-9a-f]{12}(?:[0-9a-f]{52})?$/;
const PUBLISHED = /^(.*):(\d{1,5})(?:-(\d{1,5}))?->(\d{1,5})(?:-(\d{1,5}))?\/(tcp|udp|sctp)$/;

/** The sockets one published spec stands for, at most `room` of them materialised. */
function published(spec: string, name: string, room: number): RowSockets | null {
  const m = PUBLISHED.exec(spec);
  if (m === null) return null;
  const host = (m[1] ?? "").replace(/^\[(.*)\]$/, "$1");
  const first = Number(m[2]);
  const last = m[3] === undefined ? first : Number(m[3]);
  const inner = Number(m[4]);
  if (!isListedAddress(host) || last < first || last > 65535 || inner > 65535) return null;
  const count = last - first + 1;
  const sockets: ListedSocket[] = [];
  for (let i = 0; i < Math.min(count, room); i++) {
    sockets.push({
      protocol: m[6] as ListedProtocol,
      local: { address: host, port: first + i },
      peer: null,
      state: m[6] === "udp" ? null : "LISTEN",
      process: name,
      servicePort: Math.min(inner + i, 65535),
    });
  }
  return { sockets, more: count - sockets.length };
}

/** Room per row: past the listing's cap the detector only counts. */
const ROW_ROOM = 50;

function readRow(line: string): RowSockets | null {
  const cols = line.trim().split(/[\s,]+/);
  const [id = "", image = ""] = cols;
  const name = cols.at(-1) ?? "";
  if (!CONTAINER_ID.test(id) || cols.length < 3) return null;
  const label = name.includes("->") ? image : `${name} (${image})`;
  const out: RowSockets = { sockets: [], more: 0 };
  for (const spec of cols.slice(2)) {
    const found = published(spec, label, ROW_ROOM - out.sockets.length);
    if (found === null) continue;
    out.sockets.push(...found.sockets);
    out.more += found.more;
  }
  return out;
}

export const dockerPs: FormatReader = {
  format: "docker-ps",
  isHeader: (line) =>
    /^\s*CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES/.test(line),
  readRow,
};
