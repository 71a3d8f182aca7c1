import { HttpError, unprocessable, validationFailed } from "../http/httpError.js";
import { commit, commitsBetween, createCommit, mergeBase } from "../git/commits.js";
import { renderReview } from "../render/review.js";
import { type PullIssue, renderSimplePull } from "../render/pull.js";
import { renderTeam } from "../render/team.js";
import { renderUserVariant } from "../render/issue.js";
import type { RepoRecord, ReviewRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import { isCollaborator } from "./access.js";
import type { Actor } from "./actor.js";
import { closingReferences } from "./closingKeywords.js";
import { recordCrossReferences } from "./crossReferences.js";
import { emitIssueEvent } from "./issueEvents.js";
import { closeIssue, newIssueRecord, requireIssue } from "./issues.js";
import { moveRef } from "./refs.js";
import { requiredChecksVerdict } from "./requiredChecks.js";
import { addTimelineEvent } from "./timeline.js";

export function requirePull(repo: RepoRecord, number: number): PullIssue {
  const issue = requireIssue(repo, number);
  if (!issue.pull) throw new HttpError(404, "Not Found");
  return issue as PullIssue;
}

/** "owner:branch" or "branch" → branch, when it names this repository. */
export function headBranchName(repo: RepoRecord, head: string): string | undefined {
  const [owner, branch] = head.includes(":") ? head.split(":", 2) : [repo.owner, head];
  return owner?.toLowerCase() === repo.owner.toLowerCase() ? branch : undefined;
}

export function createPull(
  world: World,
  repo: RepoRecord,
  input: { title: string; body?: string | null; head: string; base: string; draft?: boolean },
  actor: Actor,
): PullIssue {
  const headRef = headBranchName(repo, input.head);
  const headSha = headRef === undefined ? undefined : repo.refs.get(`heads/${headRef}`);
  if (headRef === undefined || headSha === undefined) {
    throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  }
  const baseSha = repo.refs.get(`heads/${input.base}`);
  if (baseSha === undefined)
    throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  const duplicate = [...repo.issues.values()].some(
    (i) => i.pull && i.state === "open" && i.pull.headRef === headRef && i.pull.baseRef === input.base,
  );
  if (duplicate) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      message: `A pull request already exists for ${repo.owner}:${headRef}.`,
    });
  }
  if (commitsBetween(repo, baseSha, headSha).length === 0) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      message: `No commits between ${input.base} and ${headRef}`,
    });
  }
  const issue = newIssueRecord(world, repo, {
    title: input.title,
    body: input.body ?? null,
    user: actor.login,
    ...(actor.viaAppId !== undefined ? { viaAppId: actor.viaAppId } : {}),
  }) as PullIssue;
  issue.pull = {
    headRef,
    headSha,
    baseRef: input.base,
    baseSha,
    draft: input.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    requestedReviewers: [],
    requestedTeams: [],
    reviews: [],
  };
  emitIssueEvent(world, repo, issue, "opened", actor.login);
  recordCrossReferences(world, repo, issue, issue.body, actor);
  return issue;
}

export function changeBase(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  base: string,
  actor: Actor,
): void {
  const sha = repo.refs.get(`heads/${base}`);
  if (sha === undefined) throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  if (base === issue.pull.baseRef) return;
  const changes = { base: { ref: { from: issue.pull.baseRef }, sha: { from: issue.pull.baseSha } } };
  issue.pull.baseRef = base;
  issue.pull.baseSha = sha;
  issue.updatedAt = world.now();
  emitIssueEvent(world, repo, issue, "edited", actor.login, { changes });
}

/** A three-way merge of whole files: head's changes since the merge base applied to the base tip. */
export function mergedFiles(
  repo: RepoRecord,
  baseTip: string,
  headSha: string,
): Map<string, string> | undefined {
  const ancestor = mergeBase(repo, baseTip, headSha);
  const from = ancestor ? commit(repo, ancestor).files : new Map<string, string>();
  const ours = commit(repo, baseTip).files;
  const theirs = commit(repo, headSha).files;
  const result = new Map(ours);
  for (const path of new Set([...from.keys(), ...theirs.keys()])) {
    const original = from.get(path);
    const changed = theirs.get(path);
    if (original === changed) continue;
    if (ours.get(path) !== original && ours.get(path) !== changed) return undefined; // conflict
    if (changed === undefined) result.delete(path);
    else result.set(path, changed);
  }
  return result;
}

export function mergePull(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  input: { sha?: string; merge_method?: string; commit_title?: string; commit_message?: string },
  actor: Actor,
): string {
  const pull = issue.pull;
  if (issue.state !== "open" || pull.merged) throw new HttpError(405, "Pull Request is not mergeable");
  if (input.sha !== undefined && input.sha !== pull.headSha) {
    throw new HttpError(409, "Head branch was modified. Review and try the merge again.");
  }
  if (pull.draft) throw new HttpError(405, "Pull Request is still a draft");
  const verdict = requiredChecksVerdict(world, repo, pull.baseRef, pull.headSha);
  if (!verdict.ok)
    throw new HttpError(405, `Required status check "${verdict.context}" is ${verdict.reason}.`);
  const baseTip = repo.refs.get(`heads/${pull.baseRef}`);
  if (baseTip === undefined) throw new HttpError(405, "Base branch was deleted");
  const files = mergedFiles(repo, baseTip, pull.headSha);
  if (!files) throw new HttpError(405, "Pull Request is not mergeable");
  const method = input.merge_method ?? "merge";
  const message =
    method === "merge"
      ? `${input.commit_title ?? `Merge pull request #${issue.number} from ${repo.owner}/${pull.headRef}`}\n\n${input.commit_message ?? issue.title}`
      : `${input.commit_title ?? `${issue.title} (#${issue.number})`}${input.commit_message ? `\n\n${input.commit_message}` : ""}`;
  const merged = createCommit(world, repo, {
    parents: method === "merge" ? [baseTip, pull.headSha] : [baseTip],
    files,
    message,
    author: method === "merge" ? actor.login : issue.user,
  });
  const now = world.now();
  pull.baseSha = baseTip;
  pull.merged = true;
  pull.mergedAt = now;
  pull.mergedBy = actor.login;
  pull.mergeCommitSha = merged.sha;
  issue.state = "closed";
  issue.closedAt = now;
  issue.closedBy = actor.login;
  issue.updatedAt = now;
  addTimelineEvent(world, issue, actor, "merged", { commitId: merged.sha });
  addTimelineEvent(world, issue, actor, "closed", { commitId: merged.sha, stateReason: null });
  // GitHub records a pull request's merge as its own kind of activity, not as a push.
  moveRef(world, repo, `heads/${pull.baseRef}`, merged.sha, actor, { merge: true });
  emitIssueEvent(world, repo, issue, "closed", actor.login);
  // Closing keywords only act when the pull request lands on the default branch.
  if (pull.baseRef === repo.defaultBranch) {
    for (const target of closingReferences(world, repo, `${issue.title}\n${issue.body ?? ""}`)) {
      closeIssue(world, target.repo, target.issue, "completed", actor, { commitId: merged.sha });
    }
  }
  return merged.sha;
}

export function requestReviewers(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  input: { reviewers?: string[]; team_reviewers?: string[] },
  actor: Actor,
): void {
  const pull = issue.pull;
  const users = (input.reviewers ?? []).map((login) => {
    if (login.toLowerCase() === issue.user.toLowerCase()) {
      throw validationFailed("Review cannot be requested from pull request author.");
    }
    const user = world.user(login);
    if (!user || !isCollaborator(world, repo, login)) throw notCollaborator(repo);
    return user.login;
  });
  const teams = (input.team_reviewers ?? []).map((slug) => {
    const team = world.team(repo.owner, slug);
    if (!team) throw notCollaborator(repo);
    return team.slug;
  });
  for (const login of users) {
    if (pull.requestedReviewers.includes(login)) continue;
    pull.requestedReviewers.push(login);
    addTimelineEvent(world, issue, actor, "review_requested", { requestedReviewer: login });
    emitIssueEvent(world, repo, issue, "review_requested", actor.login, {
      requested_reviewer: renderUserVariant(world, login, "webhook"),
    });
  }
  for (const slug of teams) {
    if (pull.requestedTeams.includes(slug)) continue;
    pull.requestedTeams.push(slug);
    addTimelineEvent(world, issue, actor, "review_requested", { requestedTeam: slug });
    emitIssueEvent(world, repo, issue, "review_requested", actor.login, {
      requested_team: renderTeam(world, world.team(repo.owner, slug)!, "webhook"),
    });
  }
}

function notCollaborator(repo: RepoRecord): HttpError {
  return validationFailed(
    `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner}/${repo.name} repository.`,
  );
}

export function removeReviewers(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  input: { reviewers?: string[]; team_reviewers?: string[] },
  actor: Actor,
): void {
  const pull = issue.pull;
  for (const login of input.reviewers ?? []) {
    const current = pull.requestedReviewers.find((r) => r.toLowerCase() === login.toLowerCase());
    if (!current) continue;
    pull.requestedReviewers = pull.requestedReviewers.filter((r) => r !== current);
    addTimelineEvent(world, issue, actor, "review_request_removed", { requestedReviewer: current });
    emitIssueEvent(world, repo, issue, "review_request_removed", actor.login, {
      requested_reviewer: renderUserVariant(world, current, "webhook"),
    });
  }
  for (const slug of input.team_reviewers ?? []) {
    const current = pull.requestedTeams.find((t) => t.toLowerCase() === slug.toLowerCase());
    const team = current === undefined ? undefined : world.team(repo.owner, current);
    if (!current || !team) continue;
    pull.requestedTeams = pull.requestedTeams.filter((t) => t !== current);
    addTimelineEvent(world, issue, actor, "review_request_removed", { requestedTeam: current });
    emitIssueEvent(world, repo, issue, "review_request_removed", actor.login, {
      requested_team: renderTeam(world, team, "webhook"),
    });
  }
}

const REVIEW_STATES: Record<string, ReviewRecord["state"]> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

export function createReview(
  world: World,
  repo: RepoRecord,
  issue: PullIssue,
  input: { body?: string; event?: string; commit_id?: string },
  actor: Actor,
): ReviewRecord {
  const state = input.event === undefined ? "PENDING" : REVIEW_STATES[input.event];
  if (state === undefined)
    throw validationFailed({ resource: "PullRequestReview", code: "invalid", field: "event" });
  const own = actor.login.toLowerCase() === issue.user.toLowerCase();
  if (own && state === "APPROVED") throw unprocessable("Can not approve your own pull request");
  if (own && state === "CHANGES_REQUESTED")
    throw unprocessable("Can not request changes on your own pull request");
  if ((state === "CHANGES_REQUESTED" || state === "COMMENTED") && !input.body) {
    throw unprocessable("Body is required when using the COMMENT or REQUEST_CHANGES event");
  }
  const review: ReviewRecord = {
    id: world.ids.next("review"),
    user: actor.login,
    body: input.body ?? "",
    state,
    commitId: input.commit_id ?? issue.pull.headSha,
    at: world.now(),
  };
  issue.pull.reviews.push(review);
  if (state === "PENDING") return review;
  issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter(
    (r) => r.toLowerCase() !== actor.login.toLowerCase(),
  );
  addTimelineEvent(world, issue, actor, "reviewed", { reviewId: review.id });
  emitEvent(world, repo, "pull_request_review", "submitted", actor.login, {
    review: renderReview(world, repo, issue.number, review, "webhook"),
    pull_request: renderSimplePull(world, repo, issue, "webhook"),
  });
  return review;
}
