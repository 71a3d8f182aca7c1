import { parseWhen } from "./parseWhen.js";
import { isFillerWord } from "./whenWords.js";

export type LeadingTime = { at: number; rest: string } | { error: string };

// The longest time phrase parseWhen accepts ("since about 2 hours ago" is five words).
const MAX_WORDS = 5;

/**
 * Reads a time from the start of a command's arguments and returns what follows it, so that
 * "/freeze monday 08:00 holiday closure" and "/started 14:30 when the deploy went out" both work.
 * The longest readable prefix wins ("2 hours ago", not "2 hours"), then trailing filler words ("the" in
 * "monday 08:00 the release") go back to the rest.
 */
export function leadingTime(
  args: string,
  ctx: { now: number; timeZone: string; direction: "past" | "future" },
): LeadingTime {
  const words = [...args.matchAll(/\S+/g)].slice(0, MAX_WORDS + 1);
  const phrase = (count: number): string =>
    words
      .slice(0, count)
      .map((word) => word[0])
      .join(" ");
  if (words.length === 0) {
    const empty = parseWhen("", ctx);
    return "error" in empty ? empty : { error: "No time given." };
  }
  let firstError: string | undefined;
  for (let count = Math.min(words.length, MAX_WORDS); count >= 1; count--) {
    const result = parseWhen(phrase(count), ctx);
    if ("error" in result) {
      // "2026-13-40 reason": the longer phrase trips over "reason", but the real problem is in the words
      // before it, which the shorter phrase names ("there is no month 13").
      if (!blamesLaterWord(result, phrase(count))) firstError ??= result.error;
      continue;
    }
    let used = count;
    while (used > 1 && isFillerWord(words[used - 1]?.[0] ?? "")) used -= 1;
    // "friday 25:00 reason": the word after the time looks like part of it, so a mistake in it is the
    // problem, not the start of the text that follows.
    const following = words[used]?.[0];
    if (following !== undefined && TIME_SHAPED.test(following)) {
      const longer = parseWhen(phrase(used + 1), ctx);
      if ("error" in longer && !blamesLaterWord(longer, phrase(used + 1))) return { error: longer.error };
    }
    const last = words[used - 1];
    const end = last === undefined ? 0 : (last.index ?? 0) + last[0].length;
    return { at: result.at, rest: args.slice(end).trim() };
  }
  return { error: firstError ?? "No time given." };
}

// A clock ("25:00", "14:30+02:00") or a date ("2026-13-40") rather than a word of the text after a time.
const TIME_SHAPED = /^\d{1,4}[:-]\d/;

function blamesLaterWord(result: { unreadable?: string }, phrase: string): boolean {
  if (result.unreadable === undefined) return false;
  const first = phrase.split(/\s+/).find((word) => !isFillerWord(word)) ?? "";
  return !first.toLowerCase().startsWith(result.unreadable.toLowerCase());
}
