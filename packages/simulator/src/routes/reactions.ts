import { requireComment } from "../domain/comments.js";
import { requireIssue } from "../domain/issues.js";
import { addReaction, removeReaction } from "../domain/reactions.js";
import { HttpError } from "../http/httpError.js";
import { renderReaction } from "../render/reactions.js";
import type { ReactionRecord } from "../world/records.js";
import { actorOf, num, repoFor, str } from "./helpers.js";
import type { HandlerTable, RouteContext, RouteResult } from "./types.js";

function list(ctx: RouteContext, reactions: ReactionRecord[]): RouteResult {
  const content = ctx.query.content === undefined ? undefined : str(ctx.query.content);
  return {
    status: 200,
    list: reactions
      .filter((r) => content === undefined || r.content === content)
      .map((r) => renderReaction(ctx.world, r)),
  };
}

function react(ctx: RouteContext, reactions: ReactionRecord[]): RouteResult {
  const { reaction, created } = addReaction(
    ctx.world,
    reactions,
    String(ctx.body.content),
    actorOf(ctx.identity).login,
  );
  return { status: created ? 201 : 200, body: renderReaction(ctx.world, reaction) };
}

function commentReactions(ctx: RouteContext): ReactionRecord[] {
  const { repo } = repoFor(ctx);
  return requireComment(ctx.world, repo, num(ctx.params.comment_id)).reactions;
}

function issueReactions(ctx: RouteContext): ReactionRecord[] {
  const { repo } = repoFor(ctx);
  return requireIssue(repo, num(ctx.params.issue_number)).reactions;
}

export const reactionRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": (ctx) =>
    list(ctx, commentReactions(ctx)),
  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": (ctx) =>
    react(ctx, commentReactions(ctx)),
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}": (ctx) => {
    const reactions = commentReactions(ctx);
    const id = num(ctx.params.reaction_id);
    const reaction = reactions.find((r) => r.id === id);
    // People can only take back their own reactions.
    if (!reaction || reaction.user.toLowerCase() !== actorOf(ctx.identity).login.toLowerCase()) {
      throw new HttpError(404, "Not Found");
    }
    removeReaction(reactions, id);
    return { status: 204 };
  },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions": (ctx) => list(ctx, issueReactions(ctx)),
  "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions": (ctx) => react(ctx, issueReactions(ctx)),
};
