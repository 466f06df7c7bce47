// Discord message markup that must not reach the core as text: user, role and channel mentions,
// custom emoji, timestamps, slash-command mentions and guild navigation all carry snowflakes or
// epoch seconds whose digits would otherwise be read as port numbers.

const MARKUP: readonly RegExp[] = [
  /<@[!&]?\d+>/g, // <@id>, <@!id> (users, the bot itself), <@&id> (roles)
  /<#\d+>/g, // channels
  /<a?:[\w~-]{1,64}:\d+>/g, // custom emoji, animated or not
  /<t:-?\d+(?::[tTdDfFR])?>/g, // timestamps
  /<\/[\w\- ]{1,100}:\d+>/g, // slash-command mentions
  /<id:\w+>/g, // guild navigation (<id:customize>, <id:browse>)
];

/**
 * Removes Discord markup (see above), leaving the words around it, spaces collapsed; line breaks
 * are kept, since a pasted socket listing is read line by line.
 */
export function stripDiscordMarkup(text: string): string {
  let out = text;
  for (const pattern of MARKUP) out = out.replace(pattern, " ");
  return out
    .replace(/[^\S\n]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** Whether `content` mentions the user `id` explicitly (`<@id>` or `<@!id>`), not just by reply. */
export function mentionsUser(content: string, id: string): boolean {
  return content.includes(`<@${id}>`) || content.includes(`<@!${id}>`);
}
