// The vocabulary parseWhen shares with its callers: the forms it accepts (for error messages), the filler
// words it skips, and how it quotes what someone typed.

export const WHEN_FORMS =
  "Try `14:30`, `yesterday 23:10`, `monday 08:00`, `45m ago`, `in 3h`, `2026-11-22 14:30` or " +
  "`2026-11-22T14:30Z` (add `UTC` or `+01:00` for another zone).";

// Words that read naturally around a time but carry nothing: "since about 14:30", "at 09:00 on monday".
const FILLER = new Set([
  "at",
  "on",
  "since",
  "from",
  "about",
  "around",
  "approx",
  "approximately",
  "~",
  "the",
  "of",
]);

/** True for a word parseWhen skips ("at", "the", "around"), so callers can leave it to the text after a time. */
export function isFillerWord(word: string): boolean {
  return FILLER.has(word.toLowerCase());
}

// Errors are posted as comment replies: a typed fragment goes inside inline code, where GitHub neither
// links mentions nor renders HTML, with the backticks that could end it removed.
export function quoteTyped(typed: string): string {
  return "`" + (typed.replace(/`/g, "").slice(0, 40) || " ") + "`";
}
