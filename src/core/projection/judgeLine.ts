import type { Config } from "../config/schema.js";
import type { ParsedLine } from "../commands/types.js";
import type { CommentSnapshot, Permission } from "../snapshot.js";
import { permits } from "../snapshot.js";
import type { CommandOutcome } from "./commandOutcome.js";
import type { Draft } from "./draft.js";
import { applyCommand } from "./applyCommand.js";

const FREEZE_VERBS = new Set(["freeze", "unfreeze", "freeze-exception"]);

/**
 * Judges one command line of a comment as it reads now, with its author's role now. The role comes
 * first: someone who may not run a command learns that before any remark on its wording. An edited
 * comment counts with at most write, because GitHub lets anyone with write access edit any comment and
 * does not say who did.
 */
export function judgeLine(
  draft: Draft,
  line: ParsedLine,
  comment: CommentSnapshot,
  config: Config,
  permissions: ReadonlyMap<string, Permission>,
): CommandOutcome {
  const base = {
    commentId: comment.id,
    line: line.line,
    actor: comment.author,
    at: comment.createdAt,
    source: line.source,
  };
  const role = permissions.get(comment.author.toLowerCase());
  const edited = comment.updatedAt - comment.createdAt >= 1_000;
  const permission: Permission | undefined = edited && permits(role, "maintain") ? "write" : role;
  const verb = line.ok ? line.command.verb : line.verb;
  if (verb === "help") {
    if (line.ok) return { ...base, verb, result: "help" };
  } else {
    const needed = FREEZE_VERBS.has(verb) ? config.commands.freeze_permission : config.commands.permission;
    // Freeze commands are judged by the freeze reconciler; only their wording is answered here.
    if (!permits(permission, needed) && !(line.ok && FREEZE_VERBS.has(verb))) {
      return {
        ...base,
        verb,
        result: "refused",
        permission: true,
        reason:
          edited && permits(role, needed)
            ? `\`/${verb}\` needs the **${needed}** role, and this comment was edited after it was posted; GitHub does not say who edited it, and anyone with write access can, so an edited comment counts with at most **write**.`
            : `\`/${verb}\` needs the **${needed}** role on this repository or higher, and you have **${permission ?? "none"}**.`,
        usage:
          edited && permits(role, needed)
            ? "Post the command again in a new comment."
            : "Ask a maintainer to run it, or to grant you that role. Anyone can still comment without a command.",
      };
    }
  }
  if (!line.ok) {
    return { ...base, verb: line.verb, result: "refused", reason: line.error, usage: line.usage };
  }
  return applyCommand(draft, line.command, base, config, (login) => permissions.get(login.toLowerCase()));
}
