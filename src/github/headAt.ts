import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";
import type { PullSummary } from "./pulls.js";

const ZERO_SHA = /^0+$/;

/**
 * The commit that was the head of a pull request's branch at `at`, from the pushes GitHub recorded
 * (the repository activity API: pushed times are GitHub's, unlike commit dates, which the author sets).
 * What an approver looked at when commenting. `undefined` when it cannot be told: the branch's pushes are
 * not visible to this token (a fork), or none is recorded that early. GitHub's times have one-second
 * resolution, so a push in the same second as the comment counts as seen.
 */
export async function headAt(gh: GitHubContext, pr: PullSummary, at: number): Promise<string | undefined> {
  const [owner, repo] = (pr.headRepo ?? `${gh.owner}/${gh.repo}`).split("/") as [string, string];
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/activity", {
      owner,
      repo,
      ref: `refs/heads/${pr.headRef}`,
      direction: "desc",
      per_page: 100,
    });
    const seen = data.find((activity) => Date.parse(activity.timestamp) <= at);
    return seen && !ZERO_SHA.test(seen.after) ? seen.after : undefined;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return undefined;
    throw error;
  }
}
