import type { PostedNotice } from "../types.js";

/**
 * GitHub stamps the notice with its own clock, which may run a little behind ours: a notice posted the
 * moment a step fell due must still count for it, or every reconcile would post it again.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The first posted notice that covers `key`, if any. A notice counts only when it was posted at or after
 * the key's due time: hidden marker data can be edited by anyone with write access to the comment, and a
 * notice from 00:31 that claims a step due at 02:00 is an edit, not a record of having notified anyone.
 */
export function coveringNotice(
  notices: readonly PostedNotice[],
  kind: PostedNotice["kind"],
  key: string,
  dueAt: number,
): PostedNotice | undefined {
  let first: PostedNotice | undefined;
  for (const notice of notices) {
    if (notice.kind !== kind || notice.at < dueAt - CLOCK_SKEW_MS || !notice.keys.includes(key)) continue;
    if (!first || notice.at < first.at) first = notice;
  }
  return first;
}
