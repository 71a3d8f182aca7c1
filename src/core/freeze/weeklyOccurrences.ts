import { DateTime } from "luxon";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const WEEK_MS = 7 * 86_400_000;

interface WeeklyPoint {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  minute: number;
}

/** "fri 16:00" → { weekday: 5, hour: 16, minute: 0 }; undefined when it is not that shape. */
export function parseWeeklyPoint(text: string): WeeklyPoint | undefined {
  const match = /^(mon|tue|wed|thu|fri|sat|sun) (\d{2}):(\d{2})$/i.exec(text.trim());
  if (!match) return undefined;
  const weekday = WEEKDAYS.indexOf((match[1] ?? "").toLowerCase() as (typeof WEEKDAYS)[number]) + 1;
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (weekday < 1 || hour > 23 || minute > 59) return undefined;
  return { weekday, hour, minute };
}

/**
 * Every occurrence of a weekly window ("fri 16:00" → "mon 08:00") that overlaps [rangeFrom, rangeTo],
 * as half-open [start, end) intervals in epoch ms. Each occurrence is built from local wall-clock time
 * in `zone`, so a window spanning a DST switch is an hour shorter or longer in absolute time, exactly as
 * the team experiences it. The end is the first `to` strictly after the start, wrapping the week; a window
 * whose ends are equal lasts the whole week.
 */
export function weeklyOccurrences(
  fromText: string,
  toText: string,
  zone: string,
  rangeFrom: number,
  rangeTo: number,
): Array<{ start: number; end: number }> {
  const from = parseWeeklyPoint(fromText);
  const to = parseWeeklyPoint(toText);
  if (!from || !to || rangeTo < rangeFrom) return [];

  let dayGap = (to.weekday - from.weekday + 7) % 7;
  if (dayGap === 0 && to.hour * 60 + to.minute <= from.hour * 60 + from.minute) dayGap = 7;

  // Start over a week early: an occurrence that began before rangeFrom may still be running, and a
  // whole-week window spanning the autumn switch lasts a week and an hour.
  let monday = DateTime.fromMillis(rangeFrom - WEEK_MS - 86_400_000, { zone }).startOf("week");
  const occurrences: Array<{ start: number; end: number }> = [];
  for (;;) {
    const startDay = monday.plus({ days: from.weekday - 1 });
    const start = wallClock(startDay, from.hour, from.minute, zone);
    if (start === undefined || start > rangeTo) break;
    const end = wallClock(startDay.plus({ days: dayGap }), to.hour, to.minute, zone);
    if (end === undefined) break;
    if (end >= rangeFrom && end > start) occurrences.push({ start, end });
    monday = monday.plus({ weeks: 1 });
  }
  return occurrences;
}

// Built from calendar fields rather than by adding hours, so a time in a DST gap moves forward the way
// the zone's clocks do and a repeated hour resolves the same way every time.
function wallClock(day: DateTime, hour: number, minute: number, zone: string): number | undefined {
  const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
  return at.isValid ? at.toMillis() : undefined;
}
