import type { Config } from "../config/schema.js";
import { escalatedText } from "../clocks/escalatedText.js";
import type { Incident, PostedNotice, TimelineEntry } from "../types.js";
import type { Draft } from "./draft.js";

/** A clock notice the bot posted: remembered so that it fires once, and shown in the timeline. */
export function noticeRecord(
  incident: Incident,
  config: Config,
  kind: PostedNotice["kind"],
  keys: string[],
  at: number,
  commentId: number,
): { notice: PostedNotice; entry: TimelineEntry } {
  const text =
    kind === "escalation"
      ? escalatedText(keys, incident, config)
      : kind === "ack-breach"
        ? "acknowledgement deadline passed without an acknowledgement"
        : "reminded the communicator that a status update is due";
  return {
    notice: { kind, keys, at, commentId },
    entry: { at, kind: kind === "ack-breach" ? "breach" : kind, text },
  };
}

/** The projection's step for a notice found on the issue. */
export function recordNotice(
  draft: Draft,
  config: Config,
  kind: PostedNotice["kind"],
  keys: string[],
  at: number,
  commentId: number,
): void {
  const { notice, entry } = noticeRecord(draft, config, kind, keys, at, commentId);
  draft.notices.push(notice);
  draft.timeline.push(entry);
}
