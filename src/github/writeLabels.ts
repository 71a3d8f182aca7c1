import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

/** Adds and removes issue labels; adding is a set union and removing a missing label is not an error. */
export async function writeLabels(
  gh: GitHubContext,
  number: number,
  add: string[],
  remove: string[],
): Promise<void> {
  if (add.length > 0) {
    await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      owner: gh.owner,
      repo: gh.repo,
      issue_number: number,
      labels: add,
    });
  }
  for (const name of remove) {
    try {
      await gh.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
        owner: gh.owner,
        repo: gh.repo,
        issue_number: number,
        name,
      });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}
