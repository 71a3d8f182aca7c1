import type { ConfigProblem, RefusedConfig } from "./parseConfig.js";
import { neutralizeInline } from "../text/neutralize.js";

/** A markdown report of config problems for people: key, what was found, how to fix it. */
export function formatProblems(path: string, problems: readonly ConfigProblem[]): string {
  const rows = problems.map(
    (p) =>
      `| \`${neutralizeInline(p.key, 120)}\`${where(p)} | \`${neutralizeInline(p.value, 80).replace(/`/g, "'")}\` | ${neutralizeInline(p.message, 400)} |`,
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

/**
 * The loud notice while a refused configuration file is replaced by its last valid version: what is
 * refused and why, which version is in use, and that nothing stopped.
 */
export function formatRefusal(refused: RefusedConfig): string {
  const rows = refused.problems.map(
    (p) =>
      `| \`${neutralizeInline(p.key, 120)}\`${where(p)} | \`${neutralizeInline(p.value, 80).replace(/`/g, "'")}\` | ${neutralizeInline(p.message, 400)} |`,
  );
  const version = `\`${refused.sha.slice(0, 7)}\`${refused.at ? ` (${refused.at.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC")})` : ""}`;
  return [
    `> [!CAUTION]`,
    `> **Expedite refused the new \`${neutralizeInline(refused.path, 120)}\`** and is working from its last valid version, from commit ${version}. Labels, clocks, pages and freezes carry on under those settings; changes made since then do not apply until the file is fixed.`,
    "",
    "| Setting | Found | What to do |",
    "|---|---|---|",
    ...rows,
    "",
    "Fix the file on the default branch; this notice goes away on the next reconcile after that.",
  ].join("\n");
}

/** One line per problem, for logs. */
export function problemsForLog(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.key}${where(p)} = ${p.value}: ${p.message}`).join("; ");
}

/** " (line 12)" or " (line 12, column 5)" when the problem was found in the file. */
export function where(problem: ConfigProblem): string {
  if (problem.line === undefined) return "";
  return problem.column === undefined
    ? ` (line ${problem.line})`
    : ` (line ${problem.line}, column ${problem.column})`;
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
