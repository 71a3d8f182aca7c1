import { DateTime } from "luxon";
import type { Config } from "../config/schema.js";
import { parseLocalMoment } from "../calendar/parseLocalMoment.js";
import { weeklyOccurrences } from "./weeklyOccurrences.js";

/** One occurrence of a configured freeze: a one-off window, a weekly window or a holiday closure. */
export interface ScheduledFreeze {
  kind: "window" | "weekly" | "closure";
  name: string;
  /** Half-open: frozen from `start` (inclusive) to `end` (exclusive). */
  start: number;
  end: number;
  /** The zone the config reads it in (the window's own, else business hours). */
  zone: string;
  /** For closures: when the office itself closes (the freeze starts lead_days earlier). */
  closes?: number;
  /** For closures: how many days before closing the freeze begins. */
  leadDays?: number;
}

/**
 * Every occurrence of the configured windows and closures that overlaps [from, to] (both inclusive, so
 * an occurrence ending exactly at `from` is still reported and its end can serve as a boundary).
 * Entries the schema let through but that make no sense (end before start) freeze nothing.
 */
export function scheduledFreezes(config: Config, from: number, to: number): ScheduledFreeze[] {
  const businessZone = config.business_hours.timezone;
  const found: ScheduledFreeze[] = [];
  const overlaps = (start: number, end: number): boolean => start < end && start <= to && end >= from;

  for (const window of config.freeze.windows) {
    const zone = window.timezone ?? businessZone;
    const start = window.start === undefined ? undefined : parseLocalMoment(window.start, zone, "start");
    const end = window.end === undefined ? undefined : parseLocalMoment(window.end, zone, "end");
    if (window.weekly_from !== undefined && window.weekly_to !== undefined) {
      // start/end next to a weekly pair bound the recurrence ("Fridays from 16:00, during Q4").
      for (const occurrence of weeklyOccurrences(window.weekly_from, window.weekly_to, zone, from, to)) {
        const clipped = {
          start: Math.max(occurrence.start, start ?? -Infinity),
          end: Math.min(occurrence.end, end ?? Infinity),
        };
        if (overlaps(clipped.start, clipped.end))
          found.push({ kind: "weekly", name: window.name, zone, ...clipped });
      }
    } else if (start !== undefined && end !== undefined && overlaps(start, end)) {
      found.push({ kind: "window", name: window.name, start, end, zone });
    }
  }

  // Named office closures in business_hours.holidays freeze the same way: from their first closed day.
  const holidayClosures = config.business_hours.holidays.closures
    .filter((closure) => closure.freeze)
    .map((closure) => ({
      name: closure.name,
      closes: closure.from,
      reopens: DateTime.fromISO(closure.to, { zone: "UTC" }).plus({ days: 1 }).toISODate() ?? closure.to,
      lead_days: closure.lead_days,
      timezone: undefined,
    }));
  for (const closure of [...config.freeze.closures, ...holidayClosures]) {
    const zone = closure.timezone ?? businessZone;
    const closes = parseLocalMoment(closure.closes, zone, "start");
    // A bare reopening date is the first day the office is open again, so the freeze lifts as it starts.
    const end = parseLocalMoment(closure.reopens, zone, "start");
    if (closes === undefined || end === undefined) continue;
    // Calendar days in the zone: "two days before" keeps its wall-clock time across a DST switch.
    const start = DateTime.fromMillis(closes, { zone }).minus({ days: closure.lead_days }).toMillis();
    if (overlaps(start, end))
      found.push({
        kind: "closure",
        name: closure.name,
        start,
        end,
        zone,
        closes,
        leadDays: closure.lead_days,
      });
  }

  return found;
}
