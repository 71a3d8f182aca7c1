import { COMMANDS } from "./commandTable.js";
import type { Verb } from "./types.js";

// Every word that names a verb (the verb itself and its aliases), lower-case.
const WORDS = new Map<string, Verb>();
for (const spec of COMMANDS) {
  WORDS.set(spec.verb, spec.verb);
  for (const alias of spec.aliases) WORDS.set(alias, spec.verb);
}

/** The verb a typed word names, case-insensitively; undefined for a word that is not a command. */
export function verbFor(word: string): Verb | undefined {
  return WORDS.get(word.toLowerCase());
}

/** The known verb closest to a mistyped word, for "did you mean". */
export function closestVerb(word: string): Verb {
  const typed = word.toLowerCase().slice(0, 40);
  let best: Verb = "help";
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [candidate, verb] of WORDS) {
    // A shared prefix ("/ackn", "/resolved", "/mitig") is a stronger hint than raw edit distance.
    const score =
      editDistance(typed, candidate) - (candidate.startsWith(typed) || typed.startsWith(candidate) ? 2 : 0);
    if (score < bestScore) {
      best = verb;
      bestScore = score;
    }
  }
  return best;
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("/cak").
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const previous = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
