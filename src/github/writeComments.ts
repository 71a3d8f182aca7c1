import { parseMarker, markerIdentity } from "../core/markers.js";
import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";
import { listComments } from "./listComments.js";

/**
 * Creates a bot comment at most once. A POST that timed out or answered 5xx may still have landed, so
 * instead of letting the retry plugin re-send it blindly we look for our marker first and only then retry.
 */
export async function createCommentOnce(
  gh: GitHubContext,
  number: number,
  identity: string,
  body: string,
): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) {
      const landed = await findMarkedComment(gh, number, identity);
      if (landed !== undefined) return landed.id;
    }
    try {
      const { data } = await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: gh.owner,
        repo: gh.repo,
        issue_number: number,
        body,
        request: { retries: 0 },
      });
      return Number(data.id);
    } catch (error) {
      lastError = error;
      const status = statusOf(error);
      if (status !== undefined && status < 500) throw error;
    }
  }
  throw lastError;
}

/**
 * The bot's comment with this marker identity on an issue, if any. No `since` filter: our clock and
 * GitHub's may disagree, and a create that landed must be found.
 */
export async function findMarkedComment(
  gh: GitHubContext,
  number: number,
  identity: string,
): Promise<{ id: number; body: string } | undefined> {
  for (const comment of await listComments(gh, number)) {
    if (!gh.trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker && markerIdentity(marker) === identity) return { id: comment.id, body: comment.body };
  }
  return undefined;
}

export async function updateComment(gh: GitHubContext, id: number, body: string): Promise<void> {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
    owner: gh.owner,
    repo: gh.repo,
    comment_id: id,
    body,
  });
}

export async function deleteComment(gh: GitHubContext, id: number): Promise<void> {
  try {
    await gh.octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: gh.owner,
      repo: gh.repo,
      comment_id: id,
    });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}
