import type { Config } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";
import { scheduledFreezes } from "./scheduledFreezes.js";
import type { ScheduledFreeze } from "./scheduledFreezes.js";
import type { ActiveFreeze } from "./types.js";

export interface UpcomingFreeze {
  /** Stable per occurrence ("weekly:release-train:2026-03-06T21:00:00.000Z"): the announcement's marker key. */
  key: string;
  name: string;
  startsAt: number;
  endsAt: number;
  kind: ActiveFreeze["kind"];
}

/**
 * Configured windows and closures that start after `now` and no later than `freeze.announce_before`
 * from it, soonest first, so each occurrence can be announced once before it bites. One already running
 * is not announced: its failing check says it all.
 */
export function upcomingFreezes(config: Config, now: number): UpcomingFreeze[] {
  const horizon = now + durationMs(config.freeze.announce_before);
  return scheduledFreezes(config, now, horizon)
    .filter((scheduled) => scheduled.start > now && scheduled.start <= horizon)
    .map((scheduled) => ({
      key: occurrenceKey(scheduled),
      name: scheduled.name,
      startsAt: scheduled.start,
      endsAt: scheduled.end,
      kind: scheduled.kind,
    }))
    .sort((a, b) => a.startsAt - b.startsAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Stable per occurrence: the announcement's marker key, and the identity of its start and end messages. */
export function occurrenceKey(scheduled: ScheduledFreeze): string {
  return `${scheduled.kind}:${slug(scheduled.name)}:${new Date(scheduled.start).toISOString()}`;
}

// Keys end up inside hidden HTML comments, so they carry only letters, digits and single hyphens, which
// cannot close one.
function slug(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return words === "" ? "freeze" : words.slice(0, 60);
}
