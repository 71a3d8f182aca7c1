import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { CommitRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import { userEmail } from "./userEmail.js";

/** The git-level commit object (as in the contents API's `commit` and a branch's `commit.commit`). */
export function gitCommit(world: World, repo: RepoRecord, commit: CommitRecord): Record<string, unknown> {
  const person = { name: commit.author, email: userEmail(world, commit.author), date: isoTime(commit.at) };
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    url: repoApiUrl(world, repo, `/git/commits/${commit.sha}`),
    html_url: repoHtmlUrl(repo, `/commit/${commit.sha}`),
    author: person,
    committer: person,
    message: commit.message,
    tree: { sha: commit.treeSha, url: repoApiUrl(world, repo, `/git/trees/${commit.treeSha}`) },
    parents: commit.parents.map((sha) => ({
      sha,
      url: repoApiUrl(world, repo, `/git/commits/${sha}`),
      html_url: repoHtmlUrl(repo, `/commit/${sha}`),
    })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}
