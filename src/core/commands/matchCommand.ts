import type { Verb } from "./types.js";
import { verbFor } from "./verbWords.js";

export interface CommandHead {
  /** The verb word as typed, lower-case ("ack", "acknowledge", "foo"). */
  word: string;
  /** The verb it names; undefined for an unknown word. */
  verb: Verb | undefined;
  /** Everything after the verb, untrimmed. */
  rest: string;
}

// "/word" then whitespace or the end: "/usr/bin is broken" and "/path/to" are paths, not commands. A
// known verb may also be followed by light punctuation ("/ack, on it"), and "/sev1" / "/sev-2" glue the
// number on, because people type them that way.
const HEAD = /^\s*\/([A-Za-z][A-Za-z-]*)/;
const GLUED_SEVERITY = /^\s*\/(sev(?:erity)?)[-:]?(\d+)(?=[\s.,;!]|$)/i;
const MAX_WORD = 24;

export function matchCommand(text: string): CommandHead | undefined {
  const glued = GLUED_SEVERITY.exec(text);
  if (glued !== null) {
    return {
      word: (glued[1] ?? "sev").toLowerCase(),
      verb: "sev",
      rest: " " + text.slice(glued[0].length - (glued[2] ?? "").length),
    };
  }
  const head = HEAD.exec(text);
  const typed = head?.[1];
  if (head === null || typed === undefined || typed.length > MAX_WORD) return undefined;
  const word = typed.toLowerCase();
  const verb = verbFor(word);
  const rest = text.slice(head[0].length);
  if (rest === "" || /^\s/.test(rest)) return { word, verb, rest };
  if (verb !== undefined) {
    const punctuation = /^[:,.!;]+(?=\s|$)/.exec(rest);
    if (punctuation !== null) return { word, verb, rest: rest.slice(punctuation[0].length) };
  }
  return undefined;
}
