import type { Config } from "../config/schema.js";
import { escalatedText } from "../clocks/escalatedText.js";
import type { Incident, PostedNotice } from "../types.js";

/** Remembers a clock notice the bot posted (so it fires once) and shows it in the timeline. */
export function recordNotice(
  incident: Incident,
  config: Config,
  kind: PostedNotice["kind"],
  keys: string[],
  at: number,
  commentId: number,
): void {
  incident.notices.push({ kind, keys, at, commentId });
  const text =
    kind === "escalation"
      ? escalatedText(keys, incident, config)
      : kind === "ack-breach"
        ? "acknowledgement deadline passed without an acknowledgement"
        : "reminded the communicator that a status update is due";
  incident.timeline.push({ at, kind: kind === "ack-breach" ? "breach" : kind, text });
}
