// Everything a person typed that the bot echoes goes through here first, so that the bot can never be made
// to ping a person or team, open raw HTML, or close one of its own hidden markers.

// A word joiner after "@" keeps the text readable but stops GitHub from linking (and notifying) the handle.
const MENTION = /@(?=[A-Za-z0-9])/g;
export const WORD_JOINER = "\u2060";

/** HTML-escapes and defuses mentions; keeps line breaks and markdown emphasis. */
export function neutralize(text: string): string {
  return defuseMentions(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}

/** Only the mentions defused: for plain text such as issue and check-run titles, where HTML is not rendered. */
export function defuseMentions(text: string): string {
  return text.replace(MENTION, "@" + WORD_JOINER);
}

/** One line of table-safe text: no line breaks, no pipes, bounded length. */
export function neutralizeInline(text: string, maxLength = 300): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const clipped = oneLine.length > maxLength ? oneLine.slice(0, maxLength - 1) + "…" : oneLine;
  return neutralize(clipped).replace(/\|/g, "\\|");
}

/** Multi-line text shown as a block quote. */
export function neutralizeBlock(text: string, maxLength = 4000): string {
  const clipped = text.length > maxLength ? text.slice(0, maxLength - 1) + "…" : text;
  return neutralize(clipped.trim())
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}

/** A handle the bot means to mention on purpose (from config or a trusted role): "@alice", "@org/team". */
export function mention(handle: string): string {
  return handle.startsWith("@") ? handle : `@${handle}`;
}
