import { codeSpan, ECHO_LENGTH } from "../text/codeSpan.js";
import { parseDuration } from "../time/parseDuration.js";
import { parseWhen } from "../time/parseWhen.js";

export type NextSplit = { text: string; nextMs?: number } | { error: string };

// The tail of an update that promises the next one: "next 30m", "next: 1h", "(next 45 min)",
// "— next update in 1h", "next at 15:00". Anything after it other than closing brackets and full stops
// means "next" was just a word in the sentence.
const TAIL = /^next(?:\s+update)?(\s*:)?\s*(in\s+|at\s+)?(.*?)[\s)\].!]*$/i;
// A duration fits in far fewer characters; the bound also keeps the lazy match above cheap.
const MAX_TAIL = 60;

export function splitNext(text: string, ctx: { at: number; timeZone: string }): NextSplit {
  const index = lastNextWord(text);
  if (index === undefined || text.length - index > MAX_TAIL) return { text };
  const tail = TAIL.exec(text.slice(index));
  if (tail === null) return { text };
  const [, colon, preposition, value] = tail;
  const before = text.slice(0, index);
  const bracketed = /[([]\s*$/.test(before);
  let nextMs: number | undefined;
  if (preposition?.toLowerCase().startsWith("at")) {
    const when = parseWhen(value ?? "", { now: ctx.at, timeZone: ctx.timeZone, direction: "future" });
    if ("at" in when && when.at > ctx.at) nextMs = when.at - ctx.at;
  } else {
    nextMs = parseDuration(value ?? "");
  }
  if (nextMs === undefined) {
    // Brackets or a colon show the author meant a promise; otherwise "next" was an ordinary word.
    if (bracketed || colon !== undefined) {
      return {
        error: `I couldn't read ${codeSpan(text.slice(index), ECHO_LENGTH)} as the time of the next update; use a duration like \`next 30m\` or a time like \`next at 15:00\`.`,
      };
    }
    return { text };
  }
  return { text: before.replace(/[\s([,;:|\-–—]+$/, ""), nextMs };
}

function lastNextWord(text: string): number | undefined {
  let found: number | undefined;
  for (const match of text.matchAll(/\bnext\b/gi)) found = match.index;
  return found;
}
