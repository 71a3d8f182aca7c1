import type { ConfigProblem } from "./parseConfig.js";
import { neutralizeInline } from "../text/neutralize.js";

/** A markdown report of config problems for people: key, what was found, how to fix it. */
export function formatProblems(path: string, problems: readonly ConfigProblem[]): string {
  const rows = problems.map(
    (p) =>
      `| \`${neutralizeInline(p.key, 120)}\` | \`${neutralizeInline(p.value, 80).replace(/`/g, "'")}\` | ${neutralizeInline(p.message, 400)} |`,
  );
  return [
    `Expedite cannot use \`${path}\` and has paused on this repository until it is fixed. Nothing is lost: once the file is valid, the next event or scheduled check catches up on everything.`,
    "",
    "| Setting | Found | What to do |",
    "|---|---|---|",
    ...rows,
    "",
    "Fix the file on the default branch (or the repository it `_extends`).",
  ].join("\n");
}

/** One line per problem, for logs. */
export function problemsForLog(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.key} = ${p.value}: ${p.message}`).join("; ");
}

/** Template problems: Expedite keeps working with the bundled template meanwhile. */
export function formatTemplateProblems(problems: readonly ConfigProblem[]): string {
  return [
    "Expedite is using its bundled templates instead until these are fixed:",
    "",
    ...problems.map(
      (p) =>
        `- \`${neutralizeInline(p.value, 200).replace(/`/g, "'")}\`: ${neutralizeInline(p.message, 400)}`,
    ),
  ].join("\n");
}
