import { atLeast } from "../domain/access.js";
import {
  addAssignees,
  addLabels,
  closeIssue,
  createIssue,
  editText,
  removeAssignees,
  removeLabel,
  reopenIssue,
  requireIssue,
  setAssignees,
  setLabels,
} from "../domain/issues.js";
import { issueLabels, renderIssue } from "../render/issue.js";
import { renderLabel } from "../render/label.js";
import { renderTimelineEvent } from "../render/timelineEvent.js";
import type { IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { actorOf, forbidden, num, repoFor, str } from "./helpers.js";
import type { HandlerTable, RouteContext } from "./types.js";

/** Label lists arrive as strings or { name } objects. */
function labelNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [];
  return list.flatMap((item: unknown) =>
    typeof item === "string"
      ? [item]
      : typeof item === "object" && item && "name" in item
        ? [String(item.name)]
        : [],
  );
}

function labelsBody(value: unknown): string[] {
  if (Array.isArray(value)) return labelNames(value);
  if (typeof value === "object" && value !== null && "labels" in value) return labelNames(value.labels);
  return [];
}

function issueFor(ctx: RouteContext, needed: "read" | "triage" = "read") {
  const { repo, access } = repoFor(ctx, needed);
  return { repo, access, issue: requireIssue(repo, num(ctx.params.issue_number)) };
}

function issueLabelList(world: World, repo: RepoRecord, issue: IssueRecord) {
  return issueLabels(repo, issue).map((l) => renderLabel(world, repo, l));
}

function matchesFilters(
  world: World,
  issue: IssueRecord,
  repo: RepoRecord,
  query: Record<string, unknown>,
): boolean {
  const state = str(query.state || "open");
  if (state !== "all" && issue.state !== state) return false;
  if (query.labels) {
    const have = new Set(issueLabels(repo, issue).map((l) => l.name.toLowerCase()));
    const wanted = str(query.labels)
      .split(",")
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    if (!wanted.every((l) => have.has(l))) return false;
  }
  if (query.assignee !== undefined) {
    const assignee = str(query.assignee);
    if (assignee === "none" && issue.assignees.length > 0) return false;
    if (assignee === "*" && issue.assignees.length === 0) return false;
    if (
      assignee !== "none" &&
      assignee !== "*" &&
      !issue.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())
    )
      return false;
  }
  if (query.creator !== undefined && issue.user.toLowerCase() !== str(query.creator).toLowerCase())
    return false;
  if (query.mentioned !== undefined) {
    const mention = new RegExp(`@${str(query.mentioned).replace(/[^\w-]/g, "")}\\b`, "i");
    const texts = [issue.body ?? "", ...issue.commentIds.map((id) => world.comments.get(id)?.body ?? "")];
    if (!texts.some((t) => mention.test(t))) return false;
  }
  if (query.since !== undefined && issue.updatedAt < Date.parse(str(query.since))) return false;
  return true;
}

export const issueRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/issues": (ctx) => {
    const { repo } = repoFor(ctx);
    const sort = str(ctx.query.sort || "created");
    const direction = str(ctx.query.direction || "desc");
    const key = (i: IssueRecord) =>
      sort === "updated" ? i.updatedAt : sort === "comments" ? i.commentIds.length : i.createdAt;
    const list = [...repo.issues.values()]
      .filter((i) => matchesFilters(ctx.world, i, repo, ctx.query))
      .sort((a, b) => (direction === "asc" ? 1 : -1) * (key(a) - key(b) || a.number - b.number));
    return { status: 200, list: list.map((i) => renderIssue(ctx.world, repo, i, "rest")) };
  },

  "POST /repos/{owner}/{repo}/issues": (ctx) => {
    const { repo, access } = repoFor(ctx);
    const actor = actorOf(ctx.identity);
    // Without triage rights GitHub silently drops labels and assignees instead of failing.
    const triage = atLeast(access, "triage");
    const issue = createIssue(
      ctx.world,
      repo,
      {
        title: String(ctx.body.title),
        body: ctx.body.body ?? null,
        labels: triage ? labelNames(ctx.body.labels) : [],
        assignees: triage
          ? [...(ctx.body.assignees ?? []), ...(ctx.body.assignee ? [ctx.body.assignee] : [])]
          : [],
      },
      actor,
    );
    return { status: 201, body: renderIssue(ctx.world, repo, issue, "rest") };
  },

  "GET /repos/{owner}/{repo}/issues/{issue_number}": (ctx) => {
    const { repo, issue } = issueFor(ctx);
    return { status: 200, body: renderIssue(ctx.world, repo, issue, "rest") };
  },

  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": (ctx) => {
    const { repo, access, issue } = issueFor(ctx);
    const actor = actorOf(ctx.identity);
    const triage = atLeast(access, "triage");
    const isAuthor = actor.login.toLowerCase() === issue.user.toLowerCase();
    if (!triage && !isAuthor) throw forbidden(ctx.identity, "triage");
    const body = ctx.body ?? {};
    editText(ctx.world, repo, issue, { title: body.title ?? undefined, body: body.body }, actor);
    if (triage && body.labels !== undefined)
      setLabels(ctx.world, repo, issue, labelNames(body.labels), actor);
    if (triage && body.assignees !== undefined)
      setAssignees(ctx.world, repo, issue, body.assignees ?? [], actor);
    else if (triage && body.assignee !== undefined)
      setAssignees(ctx.world, repo, issue, body.assignee ? [body.assignee] : [], actor);
    if (body.state === "closed") {
      if (issue.state === "closed" && body.state_reason) issue.stateReason = body.state_reason;
      closeIssue(ctx.world, repo, issue, body.state_reason, actor);
    } else if (body.state === "open") {
      reopenIssue(ctx.world, repo, issue, actor);
    }
    return { status: 200, body: renderIssue(ctx.world, repo, issue, "rest") };
  },

  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const { repo, issue } = issueFor(ctx);
    return { status: 200, list: issueLabelList(ctx.world, repo, issue) };
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const { repo, issue } = issueFor(ctx, "triage");
    addLabels(ctx.world, repo, issue, labelsBody(ctx.body), actorOf(ctx.identity));
    return { status: 200, body: issueLabelList(ctx.world, repo, issue) };
  },

  "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const { repo, issue } = issueFor(ctx, "triage");
    setLabels(ctx.world, repo, issue, labelsBody(ctx.body), actorOf(ctx.identity));
    return { status: 200, body: issueLabelList(ctx.world, repo, issue) };
  },

  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const { repo, issue } = issueFor(ctx, "triage");
    setLabels(ctx.world, repo, issue, [], actorOf(ctx.identity));
    return { status: 204 };
  },

  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": (ctx) => {
    const { repo, issue } = issueFor(ctx, "triage");
    removeLabel(ctx.world, repo, issue, str(ctx.params.name), actorOf(ctx.identity));
    return { status: 200, body: issueLabelList(ctx.world, repo, issue) };
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees": (ctx) => {
    const { repo, issue } = issueFor(ctx, "triage");
    addAssignees(ctx.world, repo, issue, ctx.body?.assignees ?? [], actorOf(ctx.identity));
    return { status: 201, body: renderIssue(ctx.world, repo, issue, "rest") };
  },

  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees": (ctx) => {
    const { repo, issue } = issueFor(ctx, "triage");
    removeAssignees(ctx.world, repo, issue, ctx.body?.assignees ?? [], actorOf(ctx.identity));
    return { status: 200, body: renderIssue(ctx.world, repo, issue, "rest") };
  },

  "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline": (ctx) => {
    const { repo, issue } = issueFor(ctx);
    const list = issue.timeline.flatMap((event) => {
      const rendered = renderTimelineEvent(ctx.world, repo, issue, event);
      return rendered ? [rendered] : [];
    });
    return { status: 200, list };
  },
};
