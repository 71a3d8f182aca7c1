import { authorAssociation } from "../domain/access.js";
import { requiredChecksVerdict } from "../domain/requiredChecks.js";
import { commit, commitsBetween, mergeBase } from "../git/commits.js";
import { diffFiles } from "../git/diffFiles.js";
import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { IssueRecord, PullRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { issueLabels, renderUserVariant } from "./issue.js";
import { renderLabel } from "./label.js";
import { restRepository, webhookRepository } from "./repository.js";
import { renderTeam } from "./team.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import type { Variant } from "./variant.js";

export type PullIssue = IssueRecord & { pull: PullRecord };

function branchEnd(world: World, repo: RepoRecord, ref: string, sha: string, variant: Variant) {
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: renderUserVariant(world, repo.owner, variant),
    repo: variant === "rest" ? restRepository(world, repo) : webhookRepository(world, repo),
  };
}

/** Fields of GitHub's "simple" pull request (list endpoint, pull_request_review payloads). */
export function renderSimplePull(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  variant: Variant,
): Record<string, unknown> {
  const pull = issue.pull;
  const url = repoApiUrl(world, repo, `/pulls/${issue.number}`);
  const issueUrl = repoApiUrl(world, repo, `/issues/${issue.number}`);
  const html = repoHtmlUrl(repo, `/pull/${issue.number}`);
  const assignees = issue.assignees.map((login) => renderUserVariant(world, login, variant));
  const teams = pull.requestedTeams.flatMap((slug) => {
    const team = world.team(repo.owner, slug);
    return team ? [renderTeam(world, team, variant)] : [];
  });
  return {
    url,
    id: issue.id,
    node_id: nodeId("PullRequest", issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: renderUserVariant(world, issue.user, variant),
    body: issue.body,
    created_at: isoTime(issue.createdAt),
    updated_at: isoTime(issue.updatedAt),
    closed_at: issue.closedAt === null ? null : isoTime(issue.closedAt),
    merged_at: pull.mergedAt === null ? null : isoTime(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: pull.requestedReviewers.map((login) => renderUserVariant(world, login, variant)),
    requested_teams: teams,
    labels: issueLabels(repo, issue).map((label) => renderLabel(world, repo, label)),
    milestone: null,
    draft: pull.draft,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: repoApiUrl(world, repo, "/pulls/comments{/number}"),
    comments_url: `${issueUrl}/comments`,
    statuses_url: repoApiUrl(world, repo, `/statuses/${pull.headSha}`),
    head: branchEnd(world, repo, pull.headRef, pull.headSha, variant),
    base: branchEnd(world, repo, pull.baseRef, pull.baseSha, variant),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: repoApiUrl(world, repo, "/pulls/comments{/number}") },
      commits: { href: `${url}/commits` },
      statuses: { href: repoApiUrl(world, repo, `/statuses/${pull.headSha}`) },
    },
    author_association: authorAssociation(world, repo, issue.user),
    auto_merge: null,
    active_lock_reason: null,
  };
}

export function pullDiff(repo: RepoRecord, pull: PullRecord) {
  // Once merged, the base contains the head; diff against the base as it was when merged.
  const baseTip = pull.merged ? pull.baseSha : (repo.refs.get(`heads/${pull.baseRef}`) ?? pull.baseSha);
  const base = mergeBase(repo, baseTip, pull.headSha) ?? pull.baseSha;
  return {
    files: diffFiles(commit(repo, base).files, commit(repo, pull.headSha).files),
    commits: commitsBetween(repo, base, pull.headSha),
  };
}

/** The full pull request (GET /pulls/{n}, pull_request payloads). */
export function renderPull(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  variant: Variant,
): Record<string, unknown> {
  const pull = issue.pull;
  const { files, commits } = pullDiff(repo, pull);
  const open = issue.state === "open";
  const blocked = open && !requiredChecksVerdict(world, repo, pull.baseRef, pull.headSha).ok;
  return {
    ...renderSimplePull(world, repo, issue, variant),
    merged: pull.merged,
    mergeable: open ? true : null,
    rebaseable: open ? true : null,
    mergeable_state: !open ? "unknown" : blocked ? "blocked" : pull.draft ? "draft" : "clean",
    merged_by: pull.mergedBy === null ? null : renderUserVariant(world, pull.mergedBy, variant),
    comments: issue.commentIds.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pull.merged ? Math.max(commits.length, 1) : commits.length,
    additions: files.reduce((sum, f) => sum + f.additions, 0),
    deletions: files.reduce((sum, f) => sum + f.deletions, 0),
    changed_files: files.length,
  };
}
