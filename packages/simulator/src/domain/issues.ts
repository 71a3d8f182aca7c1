import { HttpError, validationFailed } from "../http/httpError.js";
import { renderLabel } from "../render/label.js";
import { renderUserVariant } from "../render/issue.js";
import type { IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import type { Actor } from "./actor.js";
import { isAssignable } from "./assignable.js";
import { recordCrossReferences } from "./crossReferences.js";
import { emitIssueEvent } from "./issueEvents.js";
import { ensureLabel, findLabel } from "./labels.js";
import { addTimelineEvent } from "./timeline.js";

export function requireIssue(repo: RepoRecord, number: number): IssueRecord {
  const issue = repo.issues.get(number);
  if (!issue) throw new HttpError(404, "Not Found");
  return issue;
}

export function newIssueRecord(
  world: World,
  repo: RepoRecord,
  input: { title: string; body: string | null; user: string; viaAppId?: number },
): IssueRecord {
  const now = world.now();
  const issue: IssueRecord = {
    id: world.ids.next("issue"),
    repoId: repo.id,
    number: repo.nextNumber++,
    title: input.title,
    body: input.body,
    user: input.user,
    state: "open",
    stateReason: null,
    labelIds: [],
    assignees: [],
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    commentIds: [],
    reactions: [],
    timeline: [],
    ...(input.viaAppId !== undefined ? { viaAppId: input.viaAppId } : {}),
  };
  repo.issues.set(issue.number, issue);
  return issue;
}

function touch(world: World, issue: IssueRecord): void {
  issue.updatedAt = world.now();
}

export function addLabels(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  names: string[],
  actor: Actor,
): void {
  for (const name of names) {
    const label = ensureLabel(world, repo, name, actor);
    if (issue.labelIds.includes(label.id)) continue;
    issue.labelIds.push(label.id);
    touch(world, issue);
    addTimelineEvent(world, issue, actor, "labeled", { label: { name: label.name, color: label.color } });
    emitIssueEvent(world, repo, issue, "labeled", actor.login, { label: renderLabel(world, repo, label) });
  }
}

export function removeLabel(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  name: string,
  actor: Actor,
): void {
  const label = findLabel(repo, name);
  if (!label || !issue.labelIds.includes(label.id)) throw new HttpError(404, "Label does not exist");
  issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  touch(world, issue);
  addTimelineEvent(world, issue, actor, "unlabeled", { label: { name: label.name, color: label.color } });
  emitIssueEvent(world, repo, issue, "unlabeled", actor.login, { label: renderLabel(world, repo, label) });
}

export function setLabels(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  names: string[],
  actor: Actor,
): void {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const label of [...repo.labels.values()].filter((l) => issue.labelIds.includes(l.id))) {
    if (!wanted.has(label.name.toLowerCase())) removeLabel(world, repo, issue, label.name, actor);
  }
  addLabels(world, repo, issue, names, actor);
}

export function addAssignees(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  logins: string[],
  actor: Actor,
): void {
  for (const login of logins) {
    const user = world.user(login);
    if (!user || !isAssignable(world, repo, issue, login)) continue;
    if (issue.assignees.some((a) => a.toLowerCase() === user.login.toLowerCase())) continue;
    // GitHub allows at most 10 assignees and silently ignores the rest.
    if (issue.assignees.length >= 10) break;
    issue.assignees.push(user.login);
    touch(world, issue);
    addTimelineEvent(world, issue, actor, "assigned", { assignee: user.login });
    emitIssueEvent(world, repo, issue, "assigned", actor.login, {
      assignee: renderUserVariant(world, user.login, "webhook"),
    });
  }
}

export function removeAssignees(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  logins: string[],
  actor: Actor,
): void {
  for (const login of logins) {
    const current = issue.assignees.find((a) => a.toLowerCase() === login.toLowerCase());
    if (!current) continue;
    issue.assignees = issue.assignees.filter((a) => a !== current);
    touch(world, issue);
    addTimelineEvent(world, issue, actor, "unassigned", { assignee: current });
    emitIssueEvent(world, repo, issue, "unassigned", actor.login, {
      assignee: renderUserVariant(world, current, "webhook"),
    });
  }
}

export function setAssignees(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  logins: string[],
  actor: Actor,
): void {
  const wanted = new Set(logins.map((l) => l.toLowerCase()));
  removeAssignees(
    world,
    repo,
    issue,
    issue.assignees.filter((a) => !wanted.has(a.toLowerCase())),
    actor,
  );
  addAssignees(world, repo, issue, logins, actor);
}

export function closeIssue(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  reason: string | null | undefined,
  actor: Actor,
  options: { commitId?: string } = {},
): void {
  if (issue.state === "closed") return;
  issue.state = "closed";
  issue.stateReason = reason ?? "completed";
  issue.closedAt = world.now();
  issue.closedBy = actor.login;
  touch(world, issue);
  addTimelineEvent(world, issue, actor, "closed", {
    stateReason: issue.stateReason,
    ...(options.commitId ? { commitId: options.commitId } : {}),
  });
  emitIssueEvent(world, repo, issue, "closed", actor.login);
}

export function reopenIssue(world: World, repo: RepoRecord, issue: IssueRecord, actor: Actor): void {
  if (issue.state === "open") return;
  if (issue.pull?.merged) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      field: "state",
      message: "state cannot be changed. The pull request cannot be reopened because it has been merged.",
    });
  }
  issue.state = "open";
  issue.stateReason = "reopened";
  issue.closedAt = null;
  issue.closedBy = null;
  touch(world, issue);
  addTimelineEvent(world, issue, actor, "reopened", { stateReason: "reopened" });
  emitIssueEvent(world, repo, issue, "reopened", actor.login);
}

/** Title and body edits: one `edited` event carrying every change, plus a `renamed` timeline entry. */
export function editText(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  input: { title?: string; body?: string | null },
  actor: Actor,
  extraChanges: Record<string, unknown> = {},
): void {
  const changes: Record<string, unknown> = { ...extraChanges };
  if (input.title !== undefined && input.title !== issue.title) {
    changes.title = { from: issue.title };
    addTimelineEvent(world, issue, actor, "renamed", { rename: { from: issue.title, to: input.title } });
    issue.title = input.title;
  }
  if (input.body !== undefined && input.body !== issue.body) {
    changes.body = { from: issue.body ?? "" };
    issue.body = input.body;
    recordCrossReferences(world, repo, issue, input.body, actor);
  }
  if (Object.keys(changes).length === 0) return;
  touch(world, issue);
  emitIssueEvent(world, repo, issue, "edited", actor.login, { changes });
}

export function createIssue(
  world: World,
  repo: RepoRecord,
  input: { title: string; body?: string | null; labels?: string[]; assignees?: string[] },
  actor: Actor,
): IssueRecord {
  const issue = newIssueRecord(world, repo, {
    title: input.title,
    body: input.body ?? null,
    user: actor.login,
    ...(actor.viaAppId !== undefined ? { viaAppId: actor.viaAppId } : {}),
  });
  // Labels and assignees are part of the opened issue, then announced one by one, as GitHub does.
  const labels = (input.labels ?? []).map((name) => ensureLabel(world, repo, name, actor));
  const assignees = (input.assignees ?? []).flatMap((login) => {
    const user = world.user(login);
    return user && isAssignable(world, repo, issue, login) ? [user.login] : [];
  });
  issue.labelIds = [...new Set(labels.map((l) => l.id))];
  issue.assignees = [...new Set(assignees)].slice(0, 10);
  emitIssueEvent(world, repo, issue, "opened", actor.login);
  for (const label of labels.filter((l, i) => labels.indexOf(l) === i)) {
    addTimelineEvent(world, issue, actor, "labeled", { label: { name: label.name, color: label.color } });
    emitIssueEvent(world, repo, issue, "labeled", actor.login, { label: renderLabel(world, repo, label) });
  }
  for (const login of issue.assignees) {
    addTimelineEvent(world, issue, actor, "assigned", { assignee: login });
    emitIssueEvent(world, repo, issue, "assigned", actor.login, {
      assignee: renderUserVariant(world, login, "webhook"),
    });
  }
  recordCrossReferences(world, repo, issue, issue.body, actor);
  return issue;
}
