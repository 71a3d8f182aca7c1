import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

/**
 * Answers a custom deployment protection rule for one workflow run: approve, reject, or (no state) only
 * say why it still waits. A 422 means GitHub no longer waits on us for that run (answered already, by
 * another replica or an earlier attempt whose response was lost): the caller records it as answered.
 */
export async function reviewDeployment(
  gh: GitHubContext,
  runId: number,
  review: { environment: string; state?: "approved" | "rejected"; comment: string },
): Promise<"reviewed" | "already-reviewed"> {
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", {
      owner: gh.owner,
      repo: gh.repo,
      run_id: runId,
      environment_name: review.environment,
      ...(review.state ? { state: review.state } : {}),
      // GitHub keeps review comments short; the hold issue has the whole story.
      comment: review.comment.slice(0, 1000),
    });
    return "reviewed";
  } catch (error) {
    if (statusOf(error) === 422) return "already-reviewed";
    throw error;
  }
}

/** The run id in a `deployment_callback_url`, when it is this repository's review endpoint. */
export function callbackRunId(gh: GitHubContext, url: string): number | undefined {
  const match = /\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule\/?$/.exec(url);
  if (!match) return undefined;
  const [, owner, repo, run] = match;
  if (owner?.toLowerCase() !== gh.owner.toLowerCase() || repo?.toLowerCase() !== gh.repo.toLowerCase())
    return undefined;
  return Number(run);
}
