// Reply (the core's words) → Discord embeds. Formatting only: no sentence is made here.
//
// Every limit Discord enforces is kept (docs/platforms.md): title 256, description 4096, 25 fields,
// field name 256 and value 1024, footer 2048, 6000 characters across all embeds of one message and
// at most 10 embeds per message. A reply that does not fit one message is split over several,
// never cut silently; only a single over-long line is shortened (with "…").
//
// Safety: everything from a Reply is escaped (it may echo what a user typed), so `@everyone`,
// `<@&role>`, `[masked](links)` and bare URLs in user text are inert. Only `link` spans become
// links, and only for http(s) URLs (ours, from the data files).
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Line, Reply, Section, Span } from "../../core/reply-model.ts";
import { tableLines } from "../../core/table.ts";
import { type Button, moreButtons, shareButton } from "../kit/buttons.ts";
import { sliceUnits, tableChunks } from "../kit/text.ts";

export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Characters across every embed of one message. */
  total: 6000,
  embedsPerMessage: 10,
  /** Action rows per message, buttons per row, button label and custom_id lengths. */
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Field name for continuation fields: Discord rejects empty names; this renders as nothing. */
export const BLANK = "\u200b";

const COLOR = { normal: 0x5865f2, error: 0xed4245 } as const;

/** Escapes Discord markdown and neutralises mentions and autolinks in text. */
export function escapeMarkdown(text: string): string {
  return (
    text
      // Markdown punctuation: bold/italic/underline/strike/spoiler/code, quotes, headings, lists,
      // masked links, and `<` so `<@id>`, `<#id>`, `<t:…>` and `<https://…>` stay literal.
      .replace(/[\\*_~`|>#\-[\]()<]/g, "\\$&")
      // `@everyone` / `@here` never ping with allowedMentions parse [], but should not even look live.
      .replace(/@(everyone|here)/gi, "@\u200b$1")
      // Bare URLs would be autolinked; only `link` spans may be links.
      .replace(/:\/\//g, ":\u200b//")
  );
}

/** Shortens to at most `max` UTF-16 units, ending in "…", never splitting a pair or an escape. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = sliceUnits(text, max - 1);
  // A dangling escape backslash would escape the ellipsis.
  const slashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function inlineCode(text: string): string {
  // Inside a code span nothing is parsed; a backtick would end it, so swap it for a look-alike.
  const safe = text.replace(/`/g, "\u02cb").replace(/\n/g, " ");
  return safe.length === 0 ? "" : `\`${safe}\``;
}

function safeUrl(url: string): string | null {
  if (!/^https?:\/\/[^\s<>]+$/i.test(url)) return null;
  return url.replace(/\(/g, "%28").replace(/\)/g, "%29");
}

export function renderSpan(span: Span): string {
  switch (span.t) {
    case "text":
      return escapeMarkdown(span.text);
    case "strong":
      return span.text.length > 0 ? `**${escapeMarkdown(span.text)}**` : "";
    case "em":
      return span.text.length > 0 ? `*${escapeMarkdown(span.text)}*` : "";
    case "code":
      return inlineCode(span.text);
    case "link": {
      const url = safeUrl(span.url);
      const label = escapeMarkdown(span.text);
      return url ? `[${label}](${url})` : label;
    }
  }
}

export function renderLine(line: Line): string {
  return line.map(renderSpan).join("");
}

function sectionLines(section: Section): string[] {
  return [
    ...section.body.map(renderLine),
    ...section.items.map((item) => `• ${renderLine(item)}`),
    ...section.commands.map((c) => `${escapeMarkdown(c.label)}: ${inlineCode(c.command)}`),
  ].filter((l) => l.length > 0);
}

/** Packs lines into field values of at most 1024 characters (a longer single line is shortened). */
function packValues(lines: string[]): string[] {
  const values: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = truncate(raw, EMBED_LIMITS.fieldValue);
    if (current.length === 0) current = line;
    else if (current.length + 1 + line.length <= EMBED_LIMITS.fieldValue) current += `\n${line}`;
    else {
      values.push(current);
      current = line;
    }
  }
  if (current.length > 0) values.push(current);
  return values;
}

function sectionFields(title: string, lines: string[]): APIEmbedField[] {
  const name = truncate(escapeMarkdown(title), EMBED_LIMITS.fieldName) || BLANK;
  return packValues(lines).map((value, i) => ({ name: i === 0 ? name : BLANK, value }));
}

/**
 * A table as code-block fields of at most 1024 characters, the header on top of each. Nothing is
 * parsed inside a code block; a fence in a cell would end it, so it becomes a look-alike.
 */
function tableFields(section: Section): APIEmbedField[] {
  if (section.table === undefined) return [];
  const lines = tableLines(section.table).map((l) => l.replace(/`/g, "\u02cb"));
  return tableChunks(lines, EMBED_LIMITS.fieldValue, "```\n\n```".length).map((chunk) => ({
    name: BLANK,
    value: `\`\`\`\n${chunk.join("\n")}\n\`\`\``,
  }));
}

/** A section's fields: its prose and items, then its table. */
function fieldsOf(section: Section): APIEmbedField[] {
  const prose = sectionFields(section.title, sectionLines(section));
  return [...prose, ...tableFields(section)];
}

interface EmbedSpec {
  title?: string;
  description?: string;
  fields: APIEmbedField[];
}

/** Characters Discord counts towards the 6000 limit for this embed. */
export function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  size += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) size += f.name.length + f.value.length;
  return size;
}

function specs(reply: Reply): EmbedSpec[] {
  const out: EmbedSpec[] = reply.cards.map((card) => {
    const spec: EmbedSpec = {
      fields: card.sections.flatMap(fieldsOf),
    };
    const title = truncate(escapeMarkdown(card.title), EMBED_LIMITS.title);
    if (title.length > 0) spec.title = title;
    if (card.subtitle) {
      spec.description = truncate(escapeMarkdown(card.subtitle), EMBED_LIMITS.description);
    }
    return spec;
  });
  const notes = reply.notes.map(renderLine).filter((l) => l.length > 0);
  if (out.length === 0) {
    const text = notes.length > 0 ? notes.join("\n") : escapeMarkdown(reply.text);
    out.push({ description: truncate(text || BLANK, EMBED_LIMITS.description), fields: [] });
  } else if (notes.length > 0) {
    const last = out[out.length - 1];
    last?.fields.push(...sectionFields("", notes));
  }
  return out;
}

/**
 * Renders a reply as one or more messages' worth of embeds (usually one), each message within
 * every Discord limit. The rating prompt, when the reply has one, is the footer of the first
 * message's last embed (the message that is recorded and gets the rating reactions).
 */
export function renderReply(reply: Reply): APIEmbed[][] {
  return layout(reply).messages;
}

/** The embeds per message, and for each card the message its first embed is in. */
function layout(reply: Reply): { messages: APIEmbed[][]; cardMessage: number[] } {
  const color = reply.kind === "error" ? COLOR.error : COLOR.normal;
  const footer = reply.ratingPrompt ? truncate(reply.ratingPrompt, EMBED_LIMITS.footer) : null;
  // Room for the footer is kept in every message, so whichever is first can carry it.
  const budget = EMBED_LIMITS.total - (footer?.length ?? 0);

  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  const flush = () => {
    if (current.length > 0) messages.push(current);
    current = [];
    used = 0;
  };
  const close = (embed: APIEmbed) => {
    if (current.length >= EMBED_LIMITS.embedsPerMessage || used + embedSize(embed) > budget) {
      flush();
    }
    current.push(embed);
    used += embedSize(embed);
    return messages.length;
  };

  const cardMessage: number[] = [];
  for (const [index, spec] of specs(reply).entries()) {
    const closeCard = (embed: APIEmbed) => {
      const at = close(embed);
      cardMessage[index] ??= at;
    };
    let embed: APIEmbed = { color, fields: [] };
    if (spec.title) embed.title = spec.title;
    if (spec.description) embed.description = spec.description;
    if (used + embedSize(embed) > budget || current.length >= EMBED_LIMITS.embedsPerMessage) {
      flush();
    }
    for (const field of spec.fields) {
      const fieldSize = field.name.length + field.value.length;
      const fields = embed.fields ?? [];
      if (fields.length >= EMBED_LIMITS.fields || used + embedSize(embed) + fieldSize > budget) {
        closeCard(embed);
        if (used + fieldSize > budget || current.length >= EMBED_LIMITS.embedsPerMessage) flush();
        embed = { color, fields: [] };
      }
      embed.fields?.push(field);
    }
    if ((embed.fields?.length ?? 0) === 0) delete embed.fields;
    if (embed.title || embed.description || embed.fields) closeCard(embed);
  }
  flush();

  const first = messages[0];
  const target = first?.[first.length - 1];
  if (footer && target) target.footer = { text: footer };
  return { messages, cardMessage };
}

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface DiscordMessage {
  embeds: APIEmbed[];
  /** Action rows of buttons (none on a message without any). */
  components: ButtonRow[];
}

function buttonRow(buttons: readonly Button[], style: ButtonStyle.Primary | ButtonStyle.Secondary) {
  return {
    type: ComponentType.ActionRow,
    components: buttons.slice(0, EMBED_LIMITS.buttonsPerRow).map((b) => ({
      type: ComponentType.Button,
      style,
      label: sliceUnits(b.label, EMBED_LIMITS.buttonLabel),
      custom_id: b.id,
    })),
  } satisfies ButtonRow;
}

/**
 * A reply as Discord messages with their buttons: each one-port card's row on the message its
 * embed is in (labelled with the port when several cards share a message's rows), and Share in
 * channel on the last message of a private reply. At most five rows per message.
 */
export function renderMessages(reply: Reply): DiscordMessage[] {
  const { messages, cardMessage } = layout(reply);
  const out: DiscordMessage[] = messages.map((embeds) => ({ embeds, components: [] }));
  const withButtons = reply.cards.filter((c) => c.port !== null && c.more.length > 0).length;
  reply.cards.forEach((card, i) => {
    const target = out[cardMessage[i] ?? -1];
    if (target === undefined || card.port === null || card.more.length === 0) return;
    if (target.components.length >= EMBED_LIMITS.rows) return;
    const buttons = moreButtons(card.port, card.more, withButtons > 1);
    target.components.push(buttonRow(buttons, ButtonStyle.Secondary));
  });
  const share = shareButton(reply.share, EMBED_LIMITS.customId);
  const last = out.at(-1);
  if (share !== null && last !== undefined && last.components.length < EMBED_LIMITS.rows) {
    last.components.push(buttonRow([share], ButtonStyle.Primary));
  }
  return out;
}
