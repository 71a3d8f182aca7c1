import { DateTime } from "luxon";

import type { Config, Weekday } from "../config/schema.js";
import { publicHolidays } from "./publicHolidays.js";

type BusinessHours = Config["business_hours"];

export interface BusinessCalendar {
  readonly zone: string;
  /** Inside working hours, on a working day, and not during a public holiday or configured closure. */
  isBusinessTime(at: number): boolean;
  /** The public holiday or configured closure `at` falls in (local to the zone), if any. */
  holidayName(at: number): string | undefined;
  /** The next moment business hours begin; `at` itself when it is already business time. */
  nextBusinessStart(at: number): number;
}

const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const CLOSURE_NAME = "Office closure";
// Ten years of days: only a closure list that shuts the office for a decade can exhaust it.
const SEARCH_DAYS = 3_660;

// Clocks are evaluated many times per sweep against the same parsed config, so one calendar per
// business_hours object is enough.
const calendars = new WeakMap<BusinessHours, BusinessCalendar>();

/**
 * Business hours in the configured zone. Hours run from `start` to `end` on each listed day; an `end` at or
 * before `start` runs past midnight into the next day ("07:00"–"00:00" is 07:00 to midnight, "00:00"–"00:00"
 * the whole day). Wall-clock bounds are placed with luxon, so DST days are simply shorter or longer.
 */
export function businessCalendar(hours: BusinessHours): BusinessCalendar {
  const cached = calendars.get(hours);
  if (cached) return cached;
  const calendar = buildCalendar(hours);
  calendars.set(hours, calendar);
  return calendar;
}

function buildCalendar(hours: BusinessHours): BusinessCalendar {
  const zone = hours.timezone;
  const days = new Set<Weekday>(hours.days);
  const closures = closedDays(hours.holidays);
  const country = hours.holidays.country === "none" ? undefined : hours.holidays.country;
  const start = clockMinutes(hours.start);
  const end = clockMinutes(hours.end);
  const overnight = end <= start;

  // The business window that opens on the local day `day` (any moment of that day), if it is a working day.
  const windowOn = (day: DateTime): [number, number] | undefined => {
    if (!days.has(weekdayOf(day))) return undefined;
    const opens = atMinutes(day, start, zone);
    const closes = atMinutes(overnight ? day.plus({ days: 1 }) : day, end, zone);
    return [opens, closes];
  };

  const publicHolidayAt = (at: number) => {
    if (country === undefined) return undefined;
    const year = DateTime.fromMillis(at, { zone }).year;
    // A holiday belongs to the year it starts in; a multi-day one from late December can run into January.
    for (const y of [year, year - 1]) {
      const found = publicHolidays(country, zone, y).find((h) => h.start <= at && at < h.end);
      if (found) return found;
    }
    return undefined;
  };

  const holidayName = (at: number): string | undefined => {
    const holiday = publicHolidayAt(at);
    if (holiday) return holiday.name;
    return closures.get(DateTime.fromMillis(at, { zone }).toISODate() ?? "");
  };

  // When the holiday or closure covering `at` ends, or undefined when `at` is not closed.
  const closedUntil = (at: number): number | undefined => {
    let until: number | undefined;
    const holiday = publicHolidayAt(at);
    if (holiday) until = holiday.end;
    const local = DateTime.fromMillis(at, { zone });
    if (closures.has(local.toISODate() ?? "")) {
      const nextDay = local.plus({ days: 1 }).startOf("day").toMillis();
      until = Math.max(until ?? nextDay, nextDay);
    }
    return until;
  };

  const inWindow = (at: number): boolean => {
    const today = DateTime.fromMillis(at, { zone }).startOf("day");
    // An overnight window that opened yesterday may still be running.
    const candidates = overnight ? [today.minus({ days: 1 }), today] : [today];
    return candidates.some((day) => {
      const window = windowOn(day);
      return window !== undefined && window[0] <= at && at < window[1];
    });
  };

  return {
    zone,
    holidayName,
    isBusinessTime: (at) => inWindow(at) && holidayName(at) === undefined,
    nextBusinessStart(at) {
      const first = DateTime.fromMillis(at, { zone }).startOf("day").minus({ days: 1 });
      for (let offset = 0; offset < SEARCH_DAYS; offset++) {
        const window = windowOn(first.plus({ days: offset }));
        if (window === undefined || window[1] <= at) continue;
        // Step over holidays and closures inside the window; a partial-day holiday can reopen it mid-way.
        let moment = Math.max(window[0], at);
        while (moment < window[1]) {
          const until = closedUntil(moment);
          if (until === undefined) return moment;
          moment = until;
        }
      }
      throw new Error(`no business hours within ${SEARCH_DAYS} days of ${new Date(at).toISOString()}`);
    },
  };
}

/** Every closed local day (ISO date) with its name: the `dates` list and each named closure's days. */
function closedDays(holidays: BusinessHours["holidays"]): Map<string, string> {
  const days = new Map<string, string>();
  for (const date of holidays.dates) days.set(date, CLOSURE_NAME);
  for (const closure of holidays.closures) {
    const last = DateTime.fromISO(closure.to, { zone: "UTC" });
    for (let day = DateTime.fromISO(closure.from, { zone: "UTC" }); day <= last; day = day.plus({ days: 1 }))
      days.set(day.toISODate() ?? "", closure.name);
  }
  return days;
}

function clockMinutes(text: string): number {
  const [hour = 0, minute = 0] = text.split(":").map(Number);
  return hour * 60 + minute;
}

function atMinutes(day: DateTime, minutes: number, zone: string): number {
  // fromObject rather than day.set(): it resolves a wall time that DST skips by moving it forward.
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone },
  ).toMillis();
}

function weekdayOf(day: DateTime): Weekday {
  return WEEKDAYS[day.weekday - 1] ?? "mon";
}
