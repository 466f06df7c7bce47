// Slack message markup → inert plain text for the core.
//
// Slack delivers message text with its own markup: `<@U123>` user mentions, `<#C123|name>` channel
// links, `<!here>` / `<!subteam^S1|@team>` / `<!date^…|fallback>` specials, `<https://x|label>` links,
// and `&amp;` `&lt;` `&gt;` escapes. The core reads ports from free text, so ids such as U0123456789
// must never reach it (their digits would read as ports), and what reaches it should be what the
// person saw. Mentions of people, the bot's own included, are dropped entirely.

// Markup tokens: `<@…>`, `<#…>`, `<!…>` and links `<scheme:…>`. Slack escapes a literal `<` as
// `&lt;`, so anything else in angle brackets is left alone.
const TOKEN = /<([@#!][^<>]*|[a-z][a-z0-9+.-]*:[^<>]*)>/gi;
const BROADCAST = new Set(["here", "channel", "everyone"]);

function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function plainFor(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : inner.slice(bar + 1);
  // People are dropped: ids would read as ports and any stand-in word could match a service
  // name (the bot's own mention included; labels on user mentions are legacy display names).
  if (target.startsWith("@")) return " ";
  if (target.startsWith("#")) return label !== null && label !== "" ? `#${label}` : " ";
  if (target.startsWith("!")) {
    const special = target.slice(1).split("^")[0] ?? "";
    if (BROADCAST.has(special)) return `@${special}`;
    return label ?? " ";
  }
  // A link: what the person saw is the label (Slack auto-links `localhost:8080` as
  // `<http://localhost:8080|localhost:8080>`); a bare link shows its URL.
  return label ?? target;
}

/** Slack message text → the plain text a person saw, without mentions of people or any ids. */
export function slackToPlain(text: string): string {
  // Unescape the gaps between tokens and each replacement separately, so that a label such as
  // `a &amp;lt; b` is unescaped exactly once.
  let out = "";
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    out += unescapeSlack(text.slice(last, match.index));
    out += unescapeSlack(plainFor(match[1] ?? ""));
    last = match.index + match[0].length;
  }
  out += unescapeSlack(text.slice(last));
  return out
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}
