import type { ConfigProblem } from "../../core/config/parseConfig.js";
import { formatProblems } from "../../core/config/formatProblems.js";
import type { GitHubContext } from "../../github/types.js";
import { readPull } from "../../github/pulls.js";
import { writeCheck } from "../../github/checkRuns.js";
import type { Target } from "../targetsOf.js";

const CHECK = "expedite/freeze";

/**
 * With a broken config the freeze cannot be judged, so the check fails and says exactly what to fix
 * (failing closed: a green check could let a change through a freeze the config meant to declare).
 */
export async function reportConfigOnPull(
  gh: GitHubContext,
  target: Target,
  path: string,
  problems: ConfigProblem[],
): Promise<boolean> {
  let sha: string;
  if (target.kind === "pull") {
    const pr = await readPull(gh, target.number);
    if (pr.state !== "open") return false;
    sha = pr.headSha;
  } else if (target.kind === "merge-group") {
    sha = target.headSha;
  } else {
    return false;
  }
  return writeCheck(gh, CHECK, sha, {
    conclusion: "failure",
    title: `Expedite cannot read ${path}`,
    summary: formatProblems(path, problems),
  });
}
