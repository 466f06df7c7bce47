// Reply (the core's words) → Block Kit. Formatting only: every sentence comes from the core.
//
// Safety: text, strong, em and code spans may hold what a user typed, so `&`, `<`, `>` are escaped
// everywhere (that also makes `<!channel>`, `<@U…>` and `<https://evil|click>` inert), broadcast
// words (`@here`, `@channel`, `@everyone`) get a word joiner, and only `link` spans with an
// http(s) URL become links. Messages are never sent with `link_names`.
//
// Limits (docs/platforms.md): ≤ 50 blocks, section text ≤ 3000, header ≤ 150, context text ≤ 2000 here,
// and the whole message kept well under the ~13k characters at which Slack answers
// `msg_blocks_too_long`.
import type { types } from "@slack/bolt";
import type { Card, Line, Reply, Section, Span } from "../../core/reply-model.ts";
import { tableLines } from "../../core/table.ts";
import { type Button, moreButtons, shareButton } from "../kit/buttons.ts";
import { sliceUnits, tableChunks } from "../kit/text.ts";

export type KnownBlock = types.KnownBlock;

export const LIMITS = {
  blocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  contextText: 2000,
  /** JSON length of the blocks array; Slack fails around 13k characters of content. */
  messageChars: 11_000,
  /** Fallback/notification text. */
  fallbackText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
} as const;

/** Every button's action_id starts so (`portbot.commands`, `portbot.share`): one listener takes them. */
export const ACTION_ID_PREFIX = "portbot.";

const ELLIPSIS = "…";

/** Escapes text for Slack mrkdwn and plain_text and defuses broadcast words. */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(here|channel|everyone)/gi, "@\u2060$1");
}

/** Cuts already-rendered mrkdwn to `max` characters without leaving half an entity or link. */
export function cutMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = sliceUnits(text, max - ELLIPSIS.length);
  cut = cut.replace(/&[a-z]*$/, "");
  const open = cut.lastIndexOf("<");
  if (open > cut.lastIndexOf(">")) cut = cut.slice(0, open);
  return cut + ELLIPSIS;
}

function safeUrl(url: string): string | null {
  if (!/^https?:\/\/[^\s<>|]+$/i.test(url)) return null;
  return url.replace(/&/g, "&amp;");
}

// Slack's emphasis markers must hug the words: `*bold*`, not `* bold *`.
function wrap(text: string, marker: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text);
  const inner = match?.[2] ?? "";
  if (inner === "") return escapeSlack(text);
  return `${match?.[1] ?? ""}${marker}${escapeSlack(inner)}${marker}${match?.[3] ?? ""}`;
}

export function renderSpan(span: Span): string {
  switch (span.t) {
    case "text":
      return escapeSlack(span.text);
    case "strong":
      return wrap(span.text, "*");
    case "em":
      return wrap(span.text, "_");
    case "code":
      // A backtick would close the span early; U+02CB looks the same and is inert.
      return span.text === "" ? "" : `\`${escapeSlack(span.text.replace(/`/g, "ˋ"))}\``;
    case "link": {
      const url = safeUrl(span.url);
      const label = escapeSlack(span.text === "" ? span.url : span.text);
      return url === null ? label : `<${url}|${label}>`;
    }
  }
}

export function renderLine(line: Line): string {
  return line.map(renderSpan).join("");
}

function codeBlock(command: string): string {
  return `\`\`\`${escapeSlack(command.replace(/```/g, "ˋˋˋ"))}\`\`\``;
}

const FENCE = "```";

/** A table as code blocks of at most one section each (3000), the header on top of each. */
function tableBlocks(section: Section): string[] {
  if (section.table === undefined) return [];
  const lines = tableLines(section.table).map((l) => escapeSlack(l.replace(/```/g, "ˋˋˋ")));
  return tableChunks(lines, LIMITS.sectionText, FENCE.length * 2).map(
    (chunk) => `${FENCE}${chunk.join("\n")}${FENCE}`,
  );
}

function mrkdwnSection(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

// Packs rendered lines into section blocks of at most `sectionText` characters each.
function packSections(lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = "";
  for (const raw of lines) {
    const line = cutMrkdwn(raw, LIMITS.sectionText);
    if (current !== "" && current.length + 1 + line.length > LIMITS.sectionText) {
      blocks.push(mrkdwnSection(current));
      current = "";
    }
    current = current === "" ? line : `${current}\n${line}`;
  }
  if (current.trim() !== "") blocks.push(mrkdwnSection(current));
  return blocks;
}

function sectionLines(section: Section): string[] {
  const lines: string[] = [];
  if (section.title !== "") lines.push(`*${escapeSlack(section.title)}*`);
  for (const paragraph of section.body) lines.push(renderLine(paragraph));
  lines.push(...tableBlocks(section));
  for (const item of section.items) lines.push(`•  ${renderLine(item)}`);
  for (const command of section.commands) {
    lines.push(`${escapeSlack(command.label)}\n${codeBlock(command.command)}`);
  }
  return lines.filter((l) => l !== "");
}

function cardBlocks(card: Card): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (card.title !== "") {
    blocks.push({
      type: "header",
      text: { type: "plain_text", text: cutMrkdwn(escapeSlack(card.title), LIMITS.headerText) },
    });
  }
  if (card.subtitle !== null && card.subtitle !== "") {
    blocks.push(...packSections([escapeSlack(card.subtitle)]));
  }
  for (const section of card.sections) blocks.push(...packSections(sectionLines(section)));
  return blocks;
}

/** Buttons in one actions block; the label is ours (the core's), the id is in `value`. */
export function actionsBlock(buttons: readonly Button[]): KnownBlock {
  return {
    type: "actions",
    elements: buttons.map((b) => ({
      type: "button",
      action_id: `${ACTION_ID_PREFIX}${b.action}`,
      text: { type: "plain_text", text: sliceUnits(b.label, LIMITS.buttonText), emoji: true },
      value: b.id,
    })),
  };
}

/** A card's blocks and the buttons under it (kept when its content has to be cut). */
function cardGroups(reply: Reply, buttons: boolean) {
  return reply.cards.map((card, i) => ({
    content: [...(i > 0 ? [{ type: "divider" } as KnownBlock] : []), ...cardBlocks(card)],
    actions:
      buttons && card.port !== null && card.more.length > 0
        ? [actionsBlock(moreButtons(card.port, card.more))]
        : [],
  }));
}

function contextBlock(text: string): KnownBlock {
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: cutMrkdwn(text, LIMITS.contextText), verbatim: true }],
  };
}

function size(blocks: KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}

function tailBlocks(reply: Reply, prompt: boolean, buttons: boolean): KnownBlock[] {
  const tail: KnownBlock[] = [];
  const notes = reply.notes.map(renderLine).filter((n) => n !== "");
  if (notes.length > 0) tail.push(contextBlock(notes.join("\n")));
  if (prompt && reply.ratingPrompt !== null && reply.ratingPrompt !== "") {
    tail.push(contextBlock(escapeSlack(reply.ratingPrompt)));
  }
  const share = buttons ? shareButton(reply.share, LIMITS.buttonValue) : null;
  if (share !== null) tail.push(actionsBlock([share]));
  return tail;
}

export interface BlockOptions {
  maxBlocks?: number;
  maxChars?: number;
  /** Show the rating prompt (default true). */
  ratingPrompt?: boolean;
  /** Show buttons (default true; the Home tab has no conversation to answer a click in). */
  buttons?: boolean;
}

/**
 * The reply's blocks, within `maxBlocks` and `maxChars`. The notes, the rating prompt and the
 * buttons are always kept; when card content has to be dropped, a context block with "…" marks
 * the cut, and the buttons of a card that was cut still follow what is left of it.
 */
export function replyBlocks(reply: Reply, options: BlockOptions = {}): KnownBlock[] {
  const maxBlocks = options.maxBlocks ?? LIMITS.blocks;
  const maxChars = options.maxChars ?? LIMITS.messageChars;
  const buttons = options.buttons ?? true;
  const groups = cardGroups(reply, buttons);
  const tail = tailBlocks(reply, options.ratingPrompt ?? true, buttons);
  const cutMark = contextBlock(ELLIPSIS);
  const actions = groups.flatMap((g) => g.actions);
  const reserveBlocks = tail.length + 1 + actions.length;
  const reserveChars = size([...tail, cutMark, ...actions]);
  const kept: KnownBlock[] = [];
  let used = 2; // the array's brackets
  let cut = false;
  for (const group of groups) {
    let shown = 0;
    for (const block of group.content) {
      const cost = JSON.stringify(block).length + 1;
      const room =
        kept.length + 1 + reserveBlocks <= maxBlocks && used + cost + reserveChars <= maxChars;
      if (!room) {
        cut = true;
        break;
      }
      kept.push(block);
      used += cost;
      if (block.type !== "divider") shown += 1;
    }
    while (shown === 0 && kept.at(-1)?.type === "divider") kept.pop();
    if (shown > 0) kept.push(...group.actions);
    if (cut) break;
  }
  return [...kept, ...(cut ? [cutMark] : []), ...tail];
}

/** Fallback text (notifications, screen readers, clients without blocks), escaped. */
export function fallbackText(reply: Reply): string {
  return cutMrkdwn(escapeSlack(reply.text), LIMITS.fallbackText);
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A reply as a Slack message; extra replies (e.g. a failure notice) are appended after a divider. */
export function renderMessage(reply: Reply, ...extra: Reply[]): SlackMessage {
  if (extra.length === 0) return { text: fallbackText(reply), blocks: replyBlocks(reply) };
  const share = Math.floor(LIMITS.blocks / (extra.length + 1));
  const chars = Math.floor(LIMITS.messageChars / (extra.length + 1));
  const blocks: KnownBlock[] = [];
  const texts: string[] = [];
  for (const r of [reply, ...extra]) {
    if (blocks.length > 0) blocks.push({ type: "divider" });
    blocks.push(...replyBlocks(r, { maxBlocks: share - 1, maxChars: chars }));
    texts.push(r.text);
  }
  // The extra replies (the failure notice) are short and must survive the cut: the answer gives way.
  const [main = "", ...rest] = texts.map(escapeSlack);
  const tail = rest.join("\n\n");
  const room = Math.max(0, LIMITS.fallbackText - tail.length - 2);
  return {
    text: cutMrkdwn(`${cutMrkdwn(main, room)}\n\n${tail}`, LIMITS.fallbackText),
    blocks,
  };
}

/** The App Home tab: how to use the bot (the core's help) and the team's rating stats. */
export function homeView(help: Reply, stats: Reply): types.HomeView {
  // No buttons: a click on the Home tab has no conversation to answer or share in.
  const homeOptions = { maxChars: LIMITS.messageChars, ratingPrompt: false, buttons: false };
  const half = Math.floor(LIMITS.homeBlocks / 2) - 1;
  return {
    type: "home",
    blocks: [
      ...replyBlocks(help, { ...homeOptions, maxBlocks: half }),
      { type: "divider" },
      ...replyBlocks(stats, { ...homeOptions, maxBlocks: half }),
    ],
  };
}
