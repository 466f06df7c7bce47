// What a person sees of a rendered answer: rows in a terminal, characters in Slack and Discord
// (markup, escapes and link targets left out). The compact answer's size limits are stated in these.
import type { APIEmbed } from "discord.js";
import type { KnownBlock } from "../../src/adapters/slack/blocks.ts";

/** Rows the text takes (it is already wrapped to the width it was rendered at). */
export function terminalRows(rendered: string): number {
  return rendered.replace(/\n$/u, "").split("\n").length;
}

/** Slack mrkdwn as shown: links by their label, no code fences or backticks, entities decoded. */
export function slackShown(mrkdwn: string): string {
  return mrkdwn
    .replace(/<[^|>]+\|([^>]*)>/gu, "$1")
    .replace(/```/gu, "")
    .replace(/`/gu, "")
    .replace(/(^|[\s(])\*([^*\n]+)\*/gu, "$1$2")
    .replace(/(^|[\s(])_([^_\n]+)_/gu, "$1$2")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&amp;/gu, "&")
    .replace(/\u2060/gu, "");
}

function blockTexts(block: KnownBlock): string[] {
  switch (block.type) {
    case "header":
    case "section":
      return block.text ? [block.text.text] : [];
    case "context":
      return block.elements.map((e) => ("text" in e ? e.text : ""));
    default:
      return [];
  }
}

/** Characters a person reads in a Slack message's blocks. */
export function slackVisibleChars(blocks: KnownBlock[]): number {
  return blocks.flatMap(blockTexts).reduce((n, t) => n + [...slackShown(t)].length, 0);
}

/** Discord markdown as shown: links by their label, no emphasis or code marks, no escapes. */
export function discordShown(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, "$1")
    .replace(/\*\*/gu, "")
    .replace(/`/gu, "")
    .replace(/\\(.)/gu, "$1")
    .replace(/\u200b/gu, "");
}

/** Characters a person reads in a Discord embed (title, description, fields, footer). */
export function discordVisibleChars(embed: APIEmbed): number {
  const texts = [
    embed.title ?? "",
    embed.description ?? "",
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text ?? "",
  ];
  return texts.reduce((n, t) => n + [...discordShown(t)].length, 0);
}
