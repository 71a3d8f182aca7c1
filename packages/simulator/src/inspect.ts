// Plain-data views of the state for test assertions (copies: mutating them changes nothing).
import { commit, resolveRef } from "./git/commits.js";
import { issueLabels } from "./render/issue.js";
import type { SimCheckRun, SimComment, SimIssue, SimPull } from "./types.js";
import { isoTime } from "./world/isoTime.js";
import type { CheckRunRecord, IssueRecord, RepoRecord } from "./world/records.js";
import type { World } from "./world/world.js";

export function simIssue(repo: RepoRecord, issue: IssueRecord): SimIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason,
    user: issue.user,
    labels: issueLabels(repo, issue).map((l) => l.name),
    assignees: [...issue.assignees],
    locked: issue.locked,
    comments: issue.commentIds.length,
    created_at: isoTime(issue.createdAt),
    updated_at: isoTime(issue.updatedAt),
    closed_at: issue.closedAt === null ? null : isoTime(issue.closedAt),
    closed_by: issue.closedBy,
    ...(issue.pull
      ? { pull_request: { merged_at: issue.pull.mergedAt === null ? null : isoTime(issue.pull.mergedAt) } }
      : {}),
  };
}

export function simComments(world: World, issue: IssueRecord): SimComment[] {
  return issue.commentIds.flatMap((id) => {
    const c = world.comments.get(id);
    if (!c) return [];
    return [
      {
        id: c.id,
        body: c.body,
        user: c.user,
        created_at: isoTime(c.createdAt),
        updated_at: isoTime(c.updatedAt),
        reactions: c.reactions.map((r) => ({ content: r.content, user: r.user })),
      },
    ];
  });
}

export function simPull(repo: RepoRecord, issue: IssueRecord): SimPull | undefined {
  const pull = issue.pull;
  if (!pull) return undefined;
  return {
    number: issue.number,
    state: issue.state,
    merged: pull.merged,
    merged_by: pull.mergedBy,
    merge_commit_sha: pull.mergeCommitSha,
    head: { ref: pull.headRef, sha: pull.headSha },
    base: { ref: pull.baseRef, sha: pull.baseSha },
    requested_reviewers: [...pull.requestedReviewers],
    requested_teams: [...pull.requestedTeams],
    labels: issueLabels(repo, issue).map((l) => l.name),
    title: issue.title,
    body: issue.body,
    user: issue.user,
    draft: pull.draft,
  };
}

export function simCheckRun(run: CheckRunRecord): SimCheckRun {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    output: { ...run.output },
    app_id: run.appId,
    external_id: run.externalId,
    details_url: run.detailsUrl,
    started_at: run.startedAt === null ? null : isoTime(run.startedAt),
    completed_at: run.completedAt === null ? null : isoTime(run.completedAt),
  };
}

export function fileAt(repo: RepoRecord, ref: string, path: string): string | undefined {
  const sha = resolveRef(repo, ref);
  return sha === undefined ? undefined : commit(repo, sha).files.get(path);
}

/** Every file path at a ref (what a checkout of it would write), sorted. */
export function filesAt(repo: RepoRecord, ref: string): string[] {
  const sha = resolveRef(repo, ref);
  return sha === undefined ? [] : [...commit(repo, sha).files.keys()].sort();
}
