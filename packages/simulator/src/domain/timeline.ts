import type { IssueRecord, TimelineRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import type { Actor } from "./actor.js";

export function addTimelineEvent(
  world: World,
  issue: IssueRecord,
  actor: Actor,
  event: string,
  details: Omit<TimelineRecord, "id" | "event" | "actor" | "at"> = {},
): TimelineRecord {
  // Comments and reviews keep their own ids in the timeline, as GitHub's do.
  const id = details.commentId ?? details.reviewId ?? world.ids.next("event");
  const record: TimelineRecord = {
    id,
    event,
    actor: actor.login,
    at: world.now(),
    ...(actor.viaAppId !== undefined ? { viaAppId: actor.viaAppId } : {}),
    ...details,
  };
  issue.timeline.push(record);
  return record;
}
