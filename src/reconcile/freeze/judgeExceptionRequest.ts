import type { Config } from "../../core/config/schema.js";
import type { AskedException, ThreadComment } from "../../core/freeze/exceptionRequest.js";
import { askedException, edited } from "../../core/freeze/exceptionRequest.js";
import type { GitHubContext } from "../../github/types.js";
import { isApprover } from "./isApprover.js";

/** A `/freeze-exception` comment as it stands now, and whether it grants. */
export interface ExceptionRequest extends AskedException {
  comment: ThreadComment;
  /** The author may grant: an approver (on call, or in `freeze.approvers`) when they asked. */
  approver: boolean;
  /** The comment grants: an approver's, unchanged since it was written. */
  grants: boolean;
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
  const asked = askedException(comment, config, gh.trustedBots);
  if (!asked) return undefined;
  const approver = await isApprover(gh, config, comment.author, comment.at);
  return { ...asked, comment, approver, grants: approver && !edited(comment) };
}
