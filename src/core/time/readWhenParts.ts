import { timeZoneToken } from "./timeZoneToken.js";
import { WHEN_FORMS as FORMS, quoteTyped as quote } from "./whenWords.js";

// Lookups use Map, never plain objects: "__proto__" or "constructor" typed as a time must not find
// Object.prototype.
const WEEKDAYS = new Map<string, number>([
  ["mon", 1],
  ["monday", 1],
  ["tue", 2],
  ["tues", 2],
  ["tuesday", 2],
  ["wed", 3],
  ["weds", 3],
  ["wednesday", 3],
  ["thu", 4],
  ["thur", 4],
  ["thurs", 4],
  ["thursday", 4],
  ["fri", 5],
  ["friday", 5],
  ["sat", 6],
  ["saturday", 6],
  ["sun", 7],
  ["sunday", 7],
]);

const MONTHS = new Map<string, number>([
  ["jan", 1],
  ["january", 1],
  ["feb", 2],
  ["february", 2],
  ["mar", 3],
  ["march", 3],
  ["apr", 4],
  ["april", 4],
  ["may", 5],
  ["jun", 6],
  ["june", 6],
  ["jul", 7],
  ["july", 7],
  ["aug", 8],
  ["august", 8],
  ["sep", 9],
  ["sept", 9],
  ["september", 9],
  ["oct", 10],
  ["october", 10],
  ["nov", 11],
  ["november", 11],
  ["dec", 12],
  ["december", 12],
]);

const RELATIVE_DAYS = new Map<string, number>([
  ["yesterday", -1],
  ["today", 0],
  ["tomorrow", 1],
]);

const ISO_DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})t(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const AMBIGUOUS_DATE = /^\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(am|pm)?(z|[+-]\d{2}(?::?\d{2})?)?$/;
const HOUR_MERIDIEM = /^(\d{1,2})(am|pm)$/;
const MERIDIEM = /^(am|pm)$/;
const DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR = /^\d{4}$/;

export interface Clock {
  hour: number;
  minute: number;
  second: number;
  source: string;
}

export interface Parts {
  day?:
    | { kind: "date"; year?: number; month: number; day: number; source: string }
    | { kind: "relative"; offset: number; source: string }
    | { kind: "weekday"; weekday: number; lean?: "past" | "future"; source: string };
  clock?: Clock;
  zone?: string;
}

/** Sorts the words of a time phrase into a day, a time of day and a zone, refusing contradictions. */
export function readWhenParts(tokens: string[]): Parts | { error: string; unreadable?: string } {
  const parts: Parts = {};
  const hasMonth = tokens.some((token) => MONTHS.has(token.toLowerCase()));
  let monthDate: { year?: number; month?: number; day?: number; source: string[] } | undefined;
  let lean: "past" | "future" | undefined;

  const setDay = (day: NonNullable<Parts["day"]>): { error: string } | undefined => {
    if (parts.day !== undefined) {
      return { error: `${quote(parts.day.source)} and ${quote(day.source)} both name a day; give just one.` };
    }
    parts.day = day;
    return undefined;
  };
  const setClock = (clock: Clock): { error: string } | undefined => {
    if (parts.clock !== undefined) {
      return {
        error: `${quote(parts.clock.source)} and ${quote(clock.source)} are both times of day; give just one.`,
      };
    }
    parts.clock = clock;
    return undefined;
  };
  const setZone = (zone: string, source: string): { error: string } | undefined => {
    if (parts.zone !== undefined && parts.zone !== zone) {
      return { error: `${quote(source)} gives a second time zone; give just one.` };
    }
    parts.zone = zone;
    return undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const source = tokens[i] ?? "";
    const token = source.toLowerCase();
    const next = tokens[i + 1]?.toLowerCase();
    let failure: { error: string; unreadable?: string } | undefined;

    const isoDateTime = ISO_DATE_TIME.exec(token);
    const isoDate = ISO_DATE.exec(token);
    const clock = CLOCK.exec(token);
    const hourMeridiem = HOUR_MERIDIEM.exec(token);
    if (isoDateTime !== null) {
      const [, year, month, day, hour, minute, second, offset] = isoDateTime;
      failure =
        setDay({ kind: "date", year: Number(year), month: Number(month), day: Number(day), source }) ??
        clockFrom(source, hour, minute, second, undefined, setClock) ??
        (offset !== undefined ? zoneFrom(offset, source, setZone) : undefined);
    } else if (isoDate !== null) {
      const [, year, month, day] = isoDate;
      failure = setDay({ kind: "date", year: Number(year), month: Number(month), day: Number(day), source });
    } else if (AMBIGUOUS_DATE.test(token) && !CLOCK.test(token)) {
      failure = {
        error: `${quote(source)} could be read as two different days; write the year first, like \`2026-11-22\`.`,
      };
    } else if (clock !== null) {
      const [, hour, minute, second, meridiem, offset] = clock;
      let useMeridiem = meridiem;
      if (useMeridiem === undefined && next !== undefined && MERIDIEM.test(next)) {
        useMeridiem = next;
        i += 1;
      }
      failure =
        clockFrom(source, hour, minute, second, useMeridiem, setClock) ??
        (offset !== undefined ? zoneFrom(offset, source, setZone) : undefined);
    } else if (hourMeridiem !== null) {
      failure = clockFrom(source, hourMeridiem[1], "0", undefined, hourMeridiem[2], setClock);
    } else if (/^\d{1,2}$/.test(token) && next !== undefined && MERIDIEM.test(next)) {
      failure = clockFrom(`${source} ${next}`, token, "0", undefined, next, setClock);
      i += 1;
    } else if (token === "noon" || token === "midday") {
      failure = setClock({ hour: 12, minute: 0, second: 0, source });
    } else if (token === "midnight") {
      failure = setClock({ hour: 0, minute: 0, second: 0, source });
    } else if (RELATIVE_DAYS.has(token)) {
      failure = setDay({ kind: "relative", offset: RELATIVE_DAYS.get(token) ?? 0, source });
    } else if (
      (token === "last" || token === "next" || token === "this") &&
      next !== undefined &&
      WEEKDAYS.has(next)
    ) {
      lean = token === "last" ? "past" : token === "next" ? "future" : undefined;
    } else if (WEEKDAYS.has(token)) {
      failure = setDay({ kind: "weekday", weekday: WEEKDAYS.get(token) ?? 1, lean, source });
    } else if (hasMonth && MONTHS.has(token)) {
      monthDate ??= { source: [] };
      if (monthDate.month !== undefined)
        failure = { error: `${quote(source)} is a second month; give just one.` };
      monthDate.month = MONTHS.get(token);
      monthDate.source.push(source);
    } else if (hasMonth && DAY_OF_MONTH.test(token) && monthDate?.day === undefined) {
      monthDate ??= { source: [] };
      monthDate.day = Number(DAY_OF_MONTH.exec(token)?.[1]);
      monthDate.source.push(source);
    } else if (hasMonth && YEAR.test(token) && monthDate?.year === undefined) {
      monthDate ??= { source: [] };
      monthDate.year = Number(token);
      monthDate.source.push(source);
    } else if (timeZoneToken(source) !== undefined) {
      failure = setZone(timeZoneToken(source) ?? "UTC", source);
    } else if (/^\d{1,2}$/.test(token)) {
      failure = {
        error: `${quote(source)} alone is ambiguous; add minutes or am/pm, like \`${token.padStart(2, "0")}:00\` or \`${Number(token) % 12 || 12}${Number(token) >= 12 ? "pm" : "am"}\`.`,
      };
    } else {
      failure = { error: `I can't read ${quote(source)} as part of a time. ${FORMS}`, unreadable: source };
    }
    if (failure !== undefined) return failure;
  }

  if (monthDate !== undefined) {
    const source = monthDate.source.join(" ");
    if (monthDate.month === undefined || monthDate.day === undefined) {
      return { error: `${quote(source)} needs both a month and a day, like \`nov 22\`.` };
    }
    const failure = setDay({
      kind: "date",
      year: monthDate.year,
      month: monthDate.month,
      day: monthDate.day,
      source,
    });
    if (failure !== undefined) return failure;
  }
  if (parts.day === undefined && parts.clock === undefined) {
    return { error: `${quote(tokens.join(" "))} does not say when. ${FORMS}` };
  }
  return parts;
}

function clockFrom(
  source: string,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  meridiem: string | undefined,
  setClock: (clock: Clock) => { error: string } | undefined,
): { error: string } | undefined {
  let hour = Number(hourText);
  const minute = Number(minuteText ?? "0");
  const second = Number(secondText ?? "0");
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12)
      return { error: `${quote(source)} is not a time of day; with am/pm the hour runs 1 to 12.` };
    const pm = meridiem.startsWith("p");
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { error: `${quote(source)} is not a time of day; use 00:00 to 23:59.` };
  }
  return setClock({ hour, minute, second, source });
}

function zoneFrom(
  offset: string,
  source: string,
  setZone: (zone: string, source: string) => { error: string } | undefined,
): { error: string } | undefined {
  const zone = timeZoneToken(offset);
  if (zone === undefined)
    return { error: `${quote(source)} has an offset I can't read; use one like \`+01:00\`.` };
  return setZone(zone, source);
}
