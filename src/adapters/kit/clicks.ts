// A clicked button, answered: one section of an answer goes to the clicker alone; "Share in
// channel" posts a private reply publicly, through the same publish policy as any answer (unrated,
// so nothing is recorded); an id that cannot be read gets the core's "no longer valid" reply.
import type { Reply } from "../../core/reply-model.ts";
import { decodeButton } from "./buttons.ts";
import { type FlowDeps, statsFor } from "./flow.ts";
import type { Place, PlatformPort } from "./platform-port.ts";
import { type PublishReport, publish } from "./publish.ts";
import type { Telemetry } from "./telemetry.ts";

/** A click as the platform delivered it. */
export interface Click {
  /** The button's id as it came back (untrusted: Slack's `value`, Discord's `custom_id`). */
  readonly button: unknown;
  /** The platform's id for this request (logged on every line). */
  readonly id?: string;
}

export interface ClickDeps extends FlowDeps {
  readonly telemetry: Telemetry;
}

const NOTHING: PublishReport = { posted: 0, recorded: 0, sentPrivately: 0, failure: null };

async function privately(reply: Reply, port: PlatformPort, place: Place, deps: ClickDeps) {
  await port.sendPrivate([reply]);
  deps.telemetry.answered(place.platform, reply.kind);
  return { ...NOTHING, sentPrivately: 1 };
}

export async function answerClick(
  click: Click,
  port: PlatformPort,
  place: Place,
  deps: ClickDeps,
): Promise<PublishReport> {
  const { portbot, telemetry } = deps;
  const action = decodeButton(click.button);
  if (action === null) {
    telemetry.clicked(place.platform, "invalid");
    deps.logger.warn({ button: String(click.button).slice(0, 120) }, "a button id was not valid");
    return privately(portbot.failure("invalid-button"), port, place, deps);
  }
  if (action.kind === "detail") {
    telemetry.clicked(place.platform, action.section);
    return privately(portbot.detail(action.port, action.section), port, place, deps);
  }
  telemetry.clicked(place.platform, "share");
  const source = action.source;
  const stats = source.kind === "query" ? await statsFor({ text: source.query }, deps) : null;
  const reply = portbot.shared(source, { stats, ratings: port.capabilities.ratings });
  const query = source.kind === "query" ? source.query : String(source.port);
  const report = await publish([reply], port, place, query, deps);
  if (report.failure === null) telemetry.answered(place.platform, reply.kind);
  else telemetry.failed(report.failure);
  return report;
}
