/**
 * Any text as one markdown code span. GitHub neither links mentions nor renders HTML inside code, so
 * text a person typed can be echoed this way without escaping (escaping would show "&lt;" literally).
 * The fence is longer than any run of backticks inside, so nothing can close it early; line breaks fold
 * to spaces; `maxLength` clips echoes of typed text, which are there to be recognised, not read in full.
 */
export function codeSpan(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const clipped = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
  if (clipped === "") return "` `";
  const longestRun = Math.max(0, ...[...clipped.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = clipped.startsWith("`") || clipped.endsWith("`") ? " " : "";
  return `${fence}${pad}${clipped}${pad}${fence}`;
}

/** How much of a typed word a refusal echoes. */
export const ECHO_LENGTH = 40;
