import { DateTime } from "luxon";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a config moment ("2026-12-24", "2026-12-24T17:00", "2026-12-24 17:00", "2026-12-24T17:00Z") as
 * epoch ms. Without an offset the wall-clock time is taken in `zone`. A bare date means the start of that
 * day, or with `edge: "end"` the start of the next one, so a range "to 2026-12-26" covers all of the 26th.
 * Returns undefined for dates the schema's pattern lets through but the calendar does not have (02-30).
 */
export function parseLocalMoment(
  text: string,
  zone: string,
  edge: "start" | "end" = "start",
): number | undefined {
  const trimmed = text.trim();
  if (DATE_ONLY.test(trimmed)) {
    const day = DateTime.fromISO(trimmed, { zone });
    if (!day.isValid) return undefined;
    // startOf("day") again after plus(): a zone whose clocks jump at midnight still gets that day's first moment.
    return (edge === "end" ? day.plus({ days: 1 }) : day).startOf("day").toMillis();
  }
  const moment = DateTime.fromISO(trimmed.replace(" ", "T"), { zone });
  return moment.isValid ? moment.toMillis() : undefined;
}
