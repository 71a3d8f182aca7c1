import { DateTime, IANAZone } from "luxon";
import { parseDurationParts } from "./parseDurationParts.js";
import { timeZoneToken } from "./timeZoneToken.js";

export interface WhenContext {
  /** The moment the text was written; relative forms count from here. */
  now: number;
  /** The zone for times typed without one (the team's zone). */
  timeZone: string;
  /**
   * Which way an incomplete time points: "/started 14:30" means the last 14:30, "/freeze 14:30" the next
   * one. It only settles ambiguity; an explicit "2026-11-22 14:30" or "in 3h" is returned as written, so
   * callers still check the side it falls on.
   */
  direction: "past" | "future";
}

export type WhenResult = { at: number } | { error: string };

const FORMS =
  "Try `14:30`, `yesterday 23:10`, `monday 08:00`, `45m ago`, `in 3h`, `2026-11-22 14:30` or " +
  "`2026-11-22T14:30Z` (add `UTC` or `+01:00` for another zone).";

// Words that read naturally around a time but carry nothing: "since about 14:30", "at 09:00 on monday".
// Lookups use Map/Set, never plain objects: "__proto__" or "constructor" typed as a time must not find
// Object.prototype.
const FILLER = new Set([
  "at",
  "on",
  "since",
  "from",
  "about",
  "around",
  "approx",
  "approximately",
  "~",
  "the",
  "of",
]);

/** True for a word parseWhen skips ("at", "the", "around"), so callers can leave it to the text after a time. */
export function isFillerWord(word: string): boolean {
  return FILLER.has(word.toLowerCase());
}

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

interface Clock {
  hour: number;
  minute: number;
  second: number;
  source: string;
}

interface Parts {
  day?:
    | { kind: "date"; year?: number; month: number; day: number; source: string }
    | { kind: "relative"; offset: number; source: string }
    | { kind: "weekday"; weekday: number; lean?: "past" | "future"; source: string };
  clock?: Clock;
  zone?: string;
}

/** Reads the times responders type into a moment (epoch ms), DST-correct in the given zone. */
export function parseWhen(text: string, ctx: WhenContext): WhenResult {
  // "2:30 p.m." → "2:30 pm" before the dots can be mistaken for punctuation.
  const cleaned = text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/\b([ap])\.m\b\.?/gi, "$1m");
  if (cleaned === "") return { error: `No time given. ${FORMS}` };
  if (cleaned.length > 80)
    return { error: `${quote(cleaned.slice(0, 20) + "…")} is too long to be a time. ${FORMS}` };
  if (!Number.isFinite(ctx.now)) return { error: "There is no current time to count from." };
  const zone = IANAZone.isValidZone(ctx.timeZone) ? ctx.timeZone : "UTC";
  const now = DateTime.fromMillis(ctx.now, { zone });

  const tokens = cleaned
    .split(" ")
    .map((token) => token.replace(/^[,;(]+|[,;.)]+$/g, ""))
    .filter((token) => token !== "" && !FILLER.has(token.toLowerCase()));
  const lower = tokens.map((token) => token.toLowerCase());
  const phrase = lower.join(" ");

  if (phrase === "now" || phrase === "just now" || phrase === "right now") return { at: ctx.now };

  // "45m ago", "an hour ago", "in 3h", and a bare "3d" that leans the way the caller points.
  if (lower.length > 1 && lower[lower.length - 1] === "ago") {
    return shifted(now, lower.slice(0, -1).join(" "), -1);
  }
  if (lower.length > 1 && (lower[0] === "in" || lower[0] === "for")) {
    return shifted(now, lower.slice(1).join(" "), 1);
  }
  if (parseDurationParts(phrase) !== undefined) {
    return shifted(now, phrase, ctx.direction === "past" ? -1 : 1);
  }

  const parts = readParts(tokens);
  if ("error" in parts) return parts;
  return resolve(parts, now, ctx.direction);
}

function shifted(now: DateTime, durationText: string, sign: 1 | -1): WhenResult {
  const parts = parseDurationParts(durationText);
  if (parts === undefined) {
    return {
      error: `${quote(durationText)} is not a duration I can read; use something like \`45m\`, \`2 hours\` or \`1h30m\`.`,
    };
  }
  return checked(sign > 0 ? now.plus(parts) : now.minus(parts));
}

function readParts(tokens: string[]): Parts | { error: string } {
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
    let failure: { error: string } | undefined;

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
      failure = { error: `I can't read ${quote(source)} as part of a time. ${FORMS}` };
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

function resolve(parts: Parts, reference: DateTime, direction: "past" | "future"): WhenResult {
  const now = parts.zone !== undefined ? reference.setZone(parts.zone) : reference;
  const clock = parts.clock ?? { hour: 0, minute: 0, second: 0, source: "" };
  const at = (day: DateTime): DateTime =>
    DateTime.fromObject(
      {
        year: day.year,
        month: day.month,
        day: day.day,
        hour: clock.hour,
        minute: clock.minute,
        second: clock.second,
      },
      { zone: now.zone },
    );
  // Where the direction decides between two candidates, "now" itself counts as past: a freeze until this
  // very minute would end before it began.
  const onSide = (moment: DateTime, side: "past" | "future"): boolean =>
    side === "past" ? moment.toMillis() <= now.toMillis() : moment.toMillis() > now.toMillis();
  const today = now.startOf("day");
  const day = parts.day;

  if (day === undefined) {
    const candidate = at(today);
    if (onSide(candidate, direction)) return checked(candidate);
    return checked(at(direction === "past" ? today.minus({ days: 1 }) : today.plus({ days: 1 })));
  }
  if (day.kind === "relative") return checked(at(today.plus({ days: day.offset })));
  if (day.kind === "weekday") {
    const side = day.lean ?? direction;
    for (let offset = 0; offset <= 7; offset++) {
      const date = side === "past" ? today.minus({ days: offset }) : today.plus({ days: offset });
      const candidate = at(date);
      if (date.weekday === day.weekday && onSide(candidate, side)) return checked(candidate);
    }
    return { error: `Could not place ${quote(day.source)} within a week.` };
  }
  const explicit = DateTime.fromObject(
    {
      year: day.year ?? now.year,
      month: day.month,
      day: day.day,
      hour: clock.hour,
      minute: clock.minute,
      second: clock.second,
    },
    { zone: now.zone },
  );
  if (!explicit.isValid) return { error: `${quote(day.source)} is not a day on the calendar.` };
  if (day.year !== undefined || onSide(explicit, direction)) return checked(explicit);
  // "nov 22" without a year: the nearest one on the side the caller points to.
  const other = explicit.plus({ years: direction === "past" ? -1 : 1 });
  if (!other.isValid || other.day !== day.day)
    return { error: `${quote(day.source)} is not a day on the calendar.` };
  return checked(other);
}

// Years outside this range are typos ("in 9999999h", "0026-11-22"), never incident times.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

// Errors are posted as comment replies: a typed fragment goes inside inline code, where GitHub neither
// links mentions nor renders HTML, with the backticks that could end it removed.
function quote(typed: string): string {
  return "`" + (typed.replace(/`/g, "").slice(0, 40) || " ") + "`";
}

function checked(moment: DateTime): WhenResult {
  const at = moment.toMillis();
  if (!moment.isValid || !Number.isFinite(at) || at < EARLIEST || at > LATEST) {
    return { error: "That is too far from today to be a real incident time." };
  }
  return { at };
}
