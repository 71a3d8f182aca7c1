import type { Config } from "../config/schema.js";
import { parseCommands } from "../commands/parseCommands.js";

/** A comment on a pull request or hold issue, as the freeze code reads it. */
export interface ThreadComment {
  id: number;
  author: string;
  body: string;
  at: number;
  updatedAt: number;
}

/** What a `/freeze-exception` comment asks for, as its text stands now. */
export interface AskedException {
  /** The comment's first `/freeze-exception` line: the request (more such lines are the same request). */
  line: number;
  reason: string;
  lines: number;
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
 * The `/freeze-exception` a comment holds now (an edit that removes the command withdraws the request);
 * undefined when it asks for nothing or is a trusted bot's own.
 */
export function askedException(
  comment: ThreadComment,
  config: Config,
  trustedBots: ReadonlySet<string>,
): AskedException | undefined {
  if (trustedBots.has(comment.author.toLowerCase())) return undefined;
  const asks = parseCommands(comment.body, {
    at: comment.at,
    timeZone: config.business_hours.timezone,
    roles: config.roles.extra,
  }).filter((l) => l.ok && l.command.verb === "freeze-exception");
  const [first] = asks;
  if (!first?.ok || first.command.verb !== "freeze-exception") return undefined;
  return { line: first.line, reason: first.command.reason, lines: asks.length };
}
