import { diffFiles } from "../git/diffFiles.js";
import { isoTime } from "../world/isoTime.js";
import type { CommitRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { repoHtmlUrl } from "./urls.js";
import { userEmail } from "./userEmail.js";

/** A commit as push payloads list it (added/removed/modified relative to its first parent). */
export function pushCommitPayload(
  world: World,
  repo: RepoRecord,
  commit: CommitRecord,
): Record<string, unknown> {
  const parent = commit.parents[0] === undefined ? undefined : repo.commits.get(commit.parents[0]);
  const changes = diffFiles(parent?.files ?? new Map(), commit.files);
  return {
    id: commit.sha,
    tree_id: commit.treeSha,
    distinct: true,
    message: commit.message,
    timestamp: isoTime(commit.at),
    url: repoHtmlUrl(repo, `/commit/${commit.sha}`),
    author: { name: commit.author, email: userEmail(world, commit.author), username: commit.author },
    committer: { name: "GitHub", email: "noreply@github.com", username: "web-flow" },
    added: changes.filter((c) => c.status === "added").map((c) => c.filename),
    removed: changes.filter((c) => c.status === "removed").map((c) => c.filename),
    modified: changes.filter((c) => c.status === "modified").map((c) => c.filename),
  };
}
