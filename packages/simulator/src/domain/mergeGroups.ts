// The merge queue: GitHub builds a temporary branch holding base + the pull request and asks every
// required check to run on it with merge_group.checks_requested.
import { HttpError } from "../http/httpError.js";
import { createCommit } from "../git/commits.js";
import { isoTime } from "../world/isoTime.js";
import { userEmail } from "../render/userEmail.js";
import type { PullIssue } from "../render/pull.js";
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import type { Actor } from "./actor.js";
import { mergedFiles } from "./pulls.js";
import { moveRef } from "./refs.js";

export function enqueueMergeGroup(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  actor: Actor,
): { headSha: string; headRef: string } {
  const pull = issue.pull;
  if (issue.state !== "open") throw new HttpError(422, "Pull request is not open");
  const baseSha = repo.refs.get(`heads/${pull.baseRef}`);
  if (baseSha === undefined) throw new HttpError(422, "Base branch is missing");
  const files = mergedFiles(repo, baseSha, pull.headSha);
  if (!files) throw new HttpError(422, "Pull request has conflicts");
  const message = `Merge pull request #${issue.number} from ${repo.owner}/${pull.headRef}\n\n${issue.title}`;
  const merged = createCommit(world, repo, {
    parents: [baseSha, pull.headSha],
    files,
    message,
    author: actor.login,
  });
  const branch = `gh-readonly-queue/${pull.baseRef}/pr-${issue.number}-${baseSha}`;
  moveRef(world, repo, `heads/${branch}`, merged.sha, actor);
  const person = { name: actor.login, email: userEmail(world, actor.login) };
  emitEvent(world, repo, "merge_group", "checks_requested", actor.login, {
    merge_group: {
      head_sha: merged.sha,
      head_ref: `refs/heads/${branch}`,
      base_sha: baseSha,
      base_ref: `refs/heads/${pull.baseRef}`,
      head_commit: {
        id: merged.sha,
        tree_id: merged.treeSha,
        message,
        timestamp: isoTime(merged.at),
        author: person,
        committer: { name: "GitHub", email: "noreply@github.com" },
      },
    },
  });
  return { headSha: merged.sha, headRef: `refs/heads/${branch}` };
}
