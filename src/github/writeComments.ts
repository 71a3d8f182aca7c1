import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";
import { findMarkedComment } from "./findMarkedComment.js";

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
      return await postComment(gh, number, body);
    } catch (error) {
      lastError = error;
      const status = statusOf(error);
      if (status !== undefined && status < 500) throw error;
    }
  }
  throw lastError;
}

/**
 * One POST of a comment, never re-sent blindly by the retry plugin: an answer that was lost may hide a
 * comment that landed, so the caller decides how to look for it before trying again. Returns its id.
 */
export async function postComment(gh: GitHubContext, number: number, body: string): Promise<number> {
  const { data } = await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    body,
    request: { retries: 0 },
  });
  return Number(data.id);
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
