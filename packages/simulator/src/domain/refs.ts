// Branch and tag moves: every one is a `push` (GitHub sends it for API ref updates too), moves the
// head of open pull requests (`synchronize`), and deleting a pull request's head branch closes it.
import { commit, commitsBetween, createCommit, applyChanges } from "../git/commits.js";
import { pushCommitPayload } from "../render/pushCommit.js";
import { HTML_BASE, repoHtmlUrl } from "../render/urls.js";
import { userEmail } from "../render/userEmail.js";
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import type { Actor } from "./actor.js";
import { closingReferences } from "./closingKeywords.js";
import { mentionedIssues } from "./crossReferences.js";
import { closeIssue } from "./issues.js";
import { emitIssueEvent } from "./issueEvents.js";
import { addTimelineEvent } from "./timeline.js";

export const ZERO_SHA = "0000000000000000000000000000000000000000";

function emitPush(
  world: World,
  repo: RepoRecord,
  ref: string,
  before: string,
  after: string,
  actor: Actor,
  forced: boolean,
): void {
  const created = before === ZERO_SHA;
  const deleted = after === ZERO_SHA;
  const defaultTip = repo.refs.get(`heads/${repo.defaultBranch}`);
  const shas = deleted ? [] : commitsBetween(repo, created ? defaultTip : before, after);
  const commits = shas.map((sha) => pushCommitPayload(world, repo, commit(repo, sha)));
  emitEvent(world, repo, "push", undefined, actor.login, {
    ref: `refs/${ref}`,
    before,
    after,
    created,
    deleted,
    forced,
    base_ref: null,
    compare: created
      ? repoHtmlUrl(repo, `/compare/${ref.replace(/^heads\//, "")}`)
      : `${HTML_BASE}/${repo.owner}/${repo.name}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: deleted ? null : pushCommitPayload(world, repo, commit(repo, after)),
    pusher: { name: actor.login, email: userEmail(world, actor.login) },
  });
  if (deleted) return;
  // Commits that mention issues leave `referenced` events; on the default branch closing keywords close.
  const onDefault = ref === `heads/${repo.defaultBranch}`;
  for (const sha of shas) {
    const c = commit(repo, sha);
    const author = { login: c.author };
    for (const { issue } of mentionedIssues(world, repo, c.message)) {
      // A merge commit names its own pull request; GitHub does not count that as a reference.
      if (issue.pull?.mergeCommitSha === sha) continue;
      if (!issue.timeline.some((e) => e.event === "referenced" && e.commitId === sha)) {
        addTimelineEvent(world, issue, author, "referenced", { commitId: sha });
      }
    }
    if (onDefault) {
      for (const target of closingReferences(world, repo, c.message)) {
        closeIssue(world, target.repo, target.issue, "completed", author, { commitId: sha });
      }
    }
  }
}

/** Points `ref` ("heads/x", "tags/v1") at `sha`, or deletes it when sha is null, and reports it. */
export function moveRef(
  world: World,
  repo: RepoRecord,
  ref: string,
  sha: string | null,
  actor: Actor,
  options: { forced?: boolean; merge?: boolean } = {},
): void {
  const before = repo.refs.get(ref) ?? ZERO_SHA;
  const after = sha ?? ZERO_SHA;
  if (before === after) return;
  if (sha === null) repo.refs.delete(ref);
  else repo.refs.set(ref, sha);
  repo.pushedAt = world.now();
  repo.activities.push({
    id: world.ids.next("activity"),
    ref: `refs/${ref}`,
    before,
    after,
    at: world.now(),
    type:
      before === ZERO_SHA
        ? "branch_creation"
        : after === ZERO_SHA
          ? "branch_deletion"
          : options.forced
            ? "force_push"
            : options.merge
              ? "pr_merge"
              : "push",
    actor: actor.login,
  });
  emitPush(world, repo, ref, before, after, actor, options.forced ?? false);
  if (!ref.startsWith("heads/")) return;
  const branch = ref.slice("heads/".length);
  for (const issue of repo.issues.values()) {
    const pull = issue.pull;
    if (!pull || issue.state !== "open" || pull.headRef !== branch) continue;
    if (sha === null) {
      closeIssue(world, repo, issue, null, actor);
      continue;
    }
    const previous = pull.headSha;
    pull.headSha = sha;
    pull.baseSha = repo.refs.get(`heads/${pull.baseRef}`) ?? pull.baseSha;
    issue.updatedAt = world.now();
    emitIssueEvent(world, repo, issue, "synchronize", actor.login, { before: previous, after: sha });
  }
}

/** Commits file changes on a branch (created from the default branch when missing) and pushes. */
export function commitFiles(
  world: World,
  repo: RepoRecord,
  input: { branch: string; changes: Record<string, string | null>; message: string; author: string },
  actor: Actor,
): string {
  const ref = `heads/${input.branch}`;
  const parent = repo.refs.get(ref) ?? repo.refs.get(`heads/${repo.defaultBranch}`);
  const baseFiles = parent ? commit(repo, parent).files : new Map<string, string>();
  const created = createCommit(world, repo, {
    parents: parent ? [parent] : [],
    files: applyChanges(baseFiles, input.changes),
    message: input.message,
    author: input.author,
  });
  moveRef(world, repo, ref, created.sha, actor);
  return created.sha;
}
