import type { GitHubContext } from "./types.js";

/**
 * Puts the bot's 👍 on a processed command. The timeline's rollup tells us when nobody has reacted yet
 * (then we just add it); only when someone has do we list the reactions to see whether it was us.
 */
export async function ensureReaction(
  gh: GitHubContext,
  commentId: number,
  plusOnes: number,
): Promise<boolean> {
  if (plusOnes > 0) {
    const reactions = await gh.octokit.paginate(
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      {
        owner: gh.owner,
        repo: gh.repo,
        comment_id: commentId,
        content: "+1",
        per_page: 100,
      },
    );
    if (reactions.some((r) => gh.trustedBots.has((r.user?.login ?? "").toLowerCase()))) return false;
  }
  // Creating an existing reaction answers 200 with the same reaction, so a retry cannot duplicate it.
  await gh.octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
    owner: gh.owner,
    repo: gh.repo,
    comment_id: commentId,
    content: "+1",
  });
  return true;
}
