import type { CheckOutput } from "./checkRun.js";
import type { FreezeVerdict } from "./types.js";

/**
 * The freeze check of a merge queue's temporary branch. With no freeze on the base the group passes;
 * during a freeze it passes only if every pull request in it would pass on its own (exception or hotfix),
 * and fails when its pull requests cannot be told from the branch name.
 */
export function mergeGroupCheck(
  base: string,
  frozen: boolean,
  verdicts: ReadonlyArray<{ number: number; verdict: FreezeVerdict }>,
): CheckOutput {
  if (!frozen)
    return {
      conclusion: "success",
      title: "No code freeze applies",
      summary: `Nothing freezes \`${base}\` right now.`,
    };
  const blocked = verdicts.filter((v) => v.verdict.conclusion === "failure");
  if (blocked.length === 0 && verdicts.length > 0)
    return {
      conclusion: "success",
      title: "Every pull request in this group may pass the freeze",
      summary: verdicts.map((v) => `- #${v.number}: ${v.verdict.title}`).join("\n"),
    };
  return {
    conclusion: "failure",
    title:
      blocked[0]?.verdict.title ??
      "Code freeze: this merge group cannot be checked against its pull requests",
    summary:
      blocked.length > 0
        ? blocked.map((v) => `### #${v.number}\n\n${v.verdict.summary}`).join("\n\n")
        : "The merge group's pull requests could not be identified from its branch name.",
  };
}
