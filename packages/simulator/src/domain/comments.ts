import { HttpError } from "../http/httpError.js";
import { renderComment } from "../render/comment.js";
import { renderIssue } from "../render/issue.js";
import type { CommentRecord, IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import type { Actor } from "./actor.js";
import { recordCrossReferences } from "./crossReferences.js";
import { addTimelineEvent } from "./timeline.js";

export function requireComment(world: World, repo: RepoRecord, id: number): CommentRecord {
  const comment = world.comments.get(id);
  if (!comment || comment.repoId !== repo.id) throw new HttpError(404, "Not Found");
  return comment;
}

function emitCommentEvent(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  comment: CommentRecord,
  action: string,
  sender: string,
  extra: Record<string, unknown> = {},
): void {
  emitEvent(world, repo, "issue_comment", action, sender, {
    ...extra,
    issue: renderIssue(world, repo, issue, "webhook"),
    comment: renderComment(world, comment, "webhook"),
  });
}

export function createComment(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  body: string,
  actor: Actor,
): CommentRecord {
  if (body.trim() === "") {
    throw new HttpError(422, "Validation Failed", {
      errors: [{ resource: "IssueComment", code: "missing_field", field: "body" }],
    });
  }
  const now = world.now();
  const comment: CommentRecord = {
    id: world.ids.next("comment"),
    repoId: repo.id,
    issueNumber: issue.number,
    body,
    user: actor.login,
    createdAt: now,
    updatedAt: now,
    reactions: [],
    ...(actor.viaAppId !== undefined ? { viaAppId: actor.viaAppId } : {}),
  };
  world.comments.set(comment.id, comment);
  issue.commentIds.push(comment.id);
  issue.updatedAt = now;
  addTimelineEvent(world, issue, actor, "commented", { commentId: comment.id });
  emitCommentEvent(world, repo, issue, comment, "created", actor.login);
  recordCrossReferences(world, repo, issue, body, actor);
  return comment;
}

export function editComment(
  world: World,
  repo: RepoRecord,
  comment: CommentRecord,
  body: string,
  actor: Actor,
): void {
  const issue = repo.issues.get(comment.issueNumber)!;
  if (body === comment.body) return;
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = world.now();
  emitCommentEvent(world, repo, issue, comment, "edited", actor.login, { changes: { body: { from } } });
  recordCrossReferences(world, repo, issue, body, actor);
}

export function deleteComment(world: World, repo: RepoRecord, comment: CommentRecord, actor: Actor): void {
  const issue = repo.issues.get(comment.issueNumber)!;
  // Render before removing: the deleted payload still shows the comment.
  const rendered = renderComment(world, comment, "webhook");
  world.comments.delete(comment.id);
  issue.commentIds = issue.commentIds.filter((id) => id !== comment.id);
  issue.timeline = issue.timeline.filter((e) => e.commentId !== comment.id);
  emitEvent(world, repo, "issue_comment", "deleted", actor.login, {
    issue: renderIssue(world, repo, issue, "webhook"),
    comment: rendered,
  });
}
