import { DateTime } from "luxon";

const DATE_PART = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * What is wrong with a date the pattern lets through but the calendar does not have, in words a person
 * can act on ("there is no month 13", "February 2026 has 28 days, not 30"); undefined when it is a real
 * date. Only the date and time fields are judged; the caller has checked the shape.
 */
export function dateProblem(text: string): string | undefined {
  const match = DATE_PART.exec(text.trim());
  if (!match) return undefined;
  const [, y = "", mo = "", d = "", h, mi] = match;
  const day = dayProblem(Number(y), Number(mo), Number(d));
  if (day !== undefined) return day;
  if (h !== undefined && Number(h) > 23) return `there is no hour ${Number(h)} (hours run from 00 to 23)`;
  if (mi !== undefined && Number(mi) > 59)
    return `there is no minute ${Number(mi)} (minutes run from 00 to 59)`;
  return undefined;
}

/** What is wrong with a year, month and day that make no calendar day, in words; undefined for a real one. */
export function dayProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month} (months run from 01 to 12)`;
  const days = DateTime.local(year, month, 1).daysInMonth ?? 31;
  const name = DateTime.local(year, month, 1).setLocale("en").toFormat("LLLL yyyy");
  if (day < 1 || day > days) return `${name} has ${days} days, not ${day}`;
  return undefined;
}
