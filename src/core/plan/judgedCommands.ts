import type { TimelineEvent } from "../snapshot.js";
import type { BotComment } from "./botComments.js";

export interface Judged {
  /** Comments whose commands an earlier reconcile already judged (and answered). */
  comments: ReadonlySet<number>;
  /** "commentId:line" of command lines refused for lack of permission back then. */
  refusedForPermission: ReadonlySet<string>;
  /** The highest command-carrying comment id this reconcile sees (recorded on the board). */
  through: number;
}

/**
 * What earlier reconciles already decided, read from the bot's own comments: the board records the last
 * command comment it was rendered from, and permission refusals say so in their marker. Commands judged
 * once are not judged again, so their authors' permissions need no look-up and a later change of role
 * does not rewrite history. A comment edited after the board was written counts as new.
 */
export function judgedCommands(
  events: readonly TimelineEvent[],
  botComments: readonly BotComment[],
  carriesCommands: (body: string) => boolean,
): Judged {
  const board = [...botComments].sort((a, b) => a.id - b.id).find((c) => c.identity === "board");
  const previous = Number(board?.marker.data.through ?? 0);
  const boardUpdatedAt = board?.updatedAt ?? -Infinity;
  const comments = new Set<number>();
  let through = 0;
  for (const event of events) {
    if (event.type !== "commented") continue;
    const comment = event.comment;
    if (botComments.some((b) => b.id === comment.id) || !carriesCommands(comment.body)) continue;
    through = Math.max(through, comment.id);
    if (comment.id <= previous && comment.updatedAt <= boardUpdatedAt) comments.add(comment.id);
  }
  const refusedForPermission = new Set(
    botComments
      .filter((c) => c.marker.kind === "reply" && c.marker.data.why === "permission")
      .map((c) => `${c.marker.data.comment}:${c.marker.data.line}`),
  );
  return { comments, refusedForPermission, through: Math.max(through, previous) };
}
