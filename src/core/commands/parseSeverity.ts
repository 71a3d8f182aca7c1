import { codeSpan } from "../text/codeSpan.js";
import type { Severity } from "../types.js";

/** "1", "sev1", "SEV-1", "s1", "sev:1", "sev 1" → 1; an error that says what was wrong otherwise. */
export function parseSeverity(args: string): { severity: Severity } | { error: string } {
  const words = args.trim().split(/\s+/);
  let first = (words[0] ?? "").toLowerCase().replace(/[.,;:!)]+$/, "");
  if ((first === "sev" || first === "severity") && words[1] !== undefined) {
    first = words[1].toLowerCase().replace(/[.,;:!)]+$/, "");
  }
  if (first === "") return { error: "Which severity? Give a number from 1 (worst) to 4." };
  const match = /^(?:sev(?:erity)?|s)?[-:]?(\d{1,6})$/.exec(first);
  if (match === null)
    return { error: `${codeSpan(first, 20)} is not a severity; use a number from 1 (worst) to 4.` };
  const level = Number(match[1]);
  if (level < 1 || level > 4)
    return { error: `There is no severity ${level}; severities run from 1 (worst) to 4.` };
  return { severity: level as Severity };
}
