// Builders shared by the feedback tests.
import type { AnswerRecord, ReactionEvent } from "../../src/feedback/types.ts";

export const T0 = new Date("2026-03-01T12:00:00.000Z");
export const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

export function answer(over: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    platform: "slack",
    workspace: "T1",
    channel: "C1",
    messageId: "1700000000.000100",
    thread: null,
    query: "5432",
    ports: [5432],
    asker: "U-asker",
    at: T0,
    ...over,
  };
}

let seq = 0;
export function reaction(over: Partial<ReactionEvent> = {}): ReactionEvent {
  seq += 1;
  return {
    eventId: `Ev${seq}`,
    platform: "slack",
    workspace: "T1",
    channel: "C1",
    messageId: "1700000000.000100",
    voter: "U1",
    rating: "helpful",
    action: "added",
    fromBot: false,
    at: minutes(1),
    ...over,
  };
}
