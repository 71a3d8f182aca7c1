import { atLeast } from "../domain/access.js";
import { createComment, deleteComment, editComment, requireComment } from "../domain/comments.js";
import { requireIssue } from "../domain/issues.js";
import { renderComment } from "../render/comment.js";
import type { CommentRecord } from "../world/records.js";
import { actorOf, forbidden, num, repoFor, str } from "./helpers.js";
import type { HandlerTable, RouteContext } from "./types.js";

function since(query: Record<string, unknown>): (c: CommentRecord) => boolean {
  const at = query.since === undefined ? undefined : Date.parse(str(query.since));
  return (c) => at === undefined || c.updatedAt >= at;
}

/** Editing or deleting someone else's comment takes write access. */
function ownCommentOrWrite(
  ctx: RouteContext,
  comment: CommentRecord,
  access: Parameters<typeof atLeast>[0],
): void {
  const actor = actorOf(ctx.identity);
  if (comment.user.toLowerCase() !== actor.login.toLowerCase() && !atLeast(access, "write"))
    throw forbidden(ctx.identity);
}

export const commentRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": (ctx) => {
    const { repo } = repoFor(ctx);
    const issue = requireIssue(repo, num(ctx.params.issue_number));
    const comments = issue.commentIds.flatMap((id) => {
      const c = ctx.world.comments.get(id);
      return c ? [c] : [];
    });
    return {
      status: 200,
      list: comments.filter(since(ctx.query)).map((c) => renderComment(ctx.world, c, "rest")),
    };
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": (ctx) => {
    const { repo } = repoFor(ctx);
    const issue = requireIssue(repo, num(ctx.params.issue_number));
    const comment = createComment(ctx.world, repo, issue, String(ctx.body.body), actorOf(ctx.identity));
    return { status: 201, body: renderComment(ctx.world, comment, "rest") };
  },

  "GET /repos/{owner}/{repo}/issues/comments": (ctx) => {
    const { repo } = repoFor(ctx);
    const sort = str(ctx.query.sort || "created");
    const direction = str(ctx.query.direction || "asc");
    const comments = [...ctx.world.comments.values()]
      .filter((c) => c.repoId === repo.id)
      .filter(since(ctx.query))
      .sort((a, b) => {
        const diff = sort === "updated" ? a.updatedAt - b.updatedAt : a.createdAt - b.createdAt;
        return (direction === "desc" ? -1 : 1) * (diff || a.id - b.id);
      });
    return { status: 200, list: comments.map((c) => renderComment(ctx.world, c, "rest")) };
  },

  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": (ctx) => {
    const { repo } = repoFor(ctx);
    return {
      status: 200,
      body: renderComment(ctx.world, requireComment(ctx.world, repo, num(ctx.params.comment_id)), "rest"),
    };
  },

  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": (ctx) => {
    const { repo, access } = repoFor(ctx);
    const comment = requireComment(ctx.world, repo, num(ctx.params.comment_id));
    ownCommentOrWrite(ctx, comment, access);
    editComment(ctx.world, repo, comment, String(ctx.body.body), actorOf(ctx.identity));
    return { status: 200, body: renderComment(ctx.world, comment, "rest") };
  },

  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": (ctx) => {
    const { repo, access } = repoFor(ctx);
    const comment = requireComment(ctx.world, repo, num(ctx.params.comment_id));
    ownCommentOrWrite(ctx, comment, access);
    deleteComment(ctx.world, repo, comment, actorOf(ctx.identity));
    return { status: 204 };
  },
};
