import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

export async function branchSha(gh: GitHubContext, branch: string): Promise<string | undefined> {
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      owner: gh.owner,
      repo: gh.repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Creates `branch` at `sha`; an existing branch is kept as it is ("Reference already exists" is success). */
export async function ensureBranch(
  gh: GitHubContext,
  branch: string,
  sha: string,
): Promise<"created" | "exists"> {
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/git/refs", {
      owner: gh.owner,
      repo: gh.repo,
      ref: `refs/heads/${branch}`,
      sha,
    });
    return "created";
  } catch (error) {
    if (statusOf(error) === 422) return "exists";
    throw error;
  }
}

/** Moves a branch to `sha` (used to reset a post-mortem branch a closed, unmerged PR left behind). */
export async function resetBranch(gh: GitHubContext, branch: string, sha: string): Promise<void> {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
    owner: gh.owner,
    repo: gh.repo,
    ref: `heads/${branch}`,
    sha,
    force: true,
  });
}

/** A file's text on a ref (default: the default branch), or undefined when it is not there. */
export async function readFile(
  gh: GitHubContext,
  path: string,
  ref?: string,
): Promise<{ text: string; sha: string } | undefined> {
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path,
      ...(ref !== undefined ? { ref } : {}),
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    return { text: Buffer.from(data.content, "base64").toString("utf8"), sha: data.sha };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Commits a new file on a branch; a file that is already there (a person may have edited it) is kept.
 * No read first: a PUT without the file's `sha` can only create, and GitHub refuses it (422) when the file
 * exists, which is the answer a read would have given.
 */
export async function createFileOnce(
  gh: GitHubContext,
  input: { path: string; branch: string; content: string; message: string },
): Promise<"created" | "exists"> {
  try {
    await gh.octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path: input.path,
      branch: input.branch,
      message: input.message,
      content: Buffer.from(input.content, "utf8").toString("base64"),
      request: { retries: 0 },
    });
    return "created";
  } catch (error) {
    const status = statusOf(error);
    // 409/422: it appeared meanwhile (a retried write, or a racing reconciler). 5xx: check whether it landed.
    if (status === 409 || status === 422 || (status !== undefined && status >= 500)) {
      if (await readFile(gh, input.path, input.branch)) return "exists";
    }
    throw error;
  }
}
