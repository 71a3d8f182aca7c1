import type { Config } from "../../core/config/schema.js";
import { parseCommands } from "../../core/commands/parseCommands.js";
import type { GitHubContext } from "../../github/types.js";
import { isApprover } from "./isApprover.js";

/** A comment on a pull request or hold issue, as the freeze code reads it. */
export interface ThreadComment {
  id: number;
  author: string;
  body: string;
  at: number;
  updatedAt: number;
}

/** A `/freeze-exception` comment as it stands now, and whether it grants. */
export interface ExceptionRequest {
  comment: ThreadComment;
  /** The comment's first `/freeze-exception` line: the request (more such lines are the same request). */
  line: number;
  reason: string;
  lines: number;
  /** The author may grant: an approver (on call, or in `freeze.approvers`) when they asked. */
  approver: boolean;
  /** The comment grants: an approver's, unchanged since it was written. */
  grants: boolean;
}

/**
 * Whether a comment was changed after it was written. Anyone with write access can edit anyone's comment
 * and the API does not say who did, so an edited comment grants nothing, whoever edited it: a grant is
 * what an approver wrote, unchanged. The approver grants again with a new comment.
 */
export function edited(comment: ThreadComment): boolean {
  return comment.updatedAt > comment.at;
}

/**
 * Judges a `/freeze-exception` the same way for merges and deploys: on the comment's text as it is now (an
 * edit that removes the command withdraws the request) and its author's standing now (team membership is
 * read now; the on-call rota of the moment they asked). undefined when the comment asks for nothing, or is
 * the bot's own. Binding the grant to a commit is the caller's part: the head the approver saw (merges) or
 * the hold issue's commit (deploys).
 */
export async function judgeExceptionRequest(
  gh: GitHubContext,
  config: Config,
  comment: ThreadComment,
): Promise<ExceptionRequest | undefined> {
  if (gh.trustedBots.has(comment.author.toLowerCase())) return undefined;
  const asks = parseCommands(comment.body, {
    at: comment.at,
    timeZone: config.business_hours.timezone,
    roles: config.roles.extra,
  }).filter((l) => l.ok && l.command.verb === "freeze-exception");
  const [first] = asks;
  if (!first?.ok || first.command.verb !== "freeze-exception") return undefined;
  const approver = await isApprover(gh, config, comment.author, comment.at);
  return {
    comment,
    line: first.line,
    reason: first.command.reason,
    lines: asks.length,
    approver,
    grants: approver && !edited(comment),
  };
}
