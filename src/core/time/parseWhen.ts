import { DateTime, IANAZone } from "luxon";
import { dayProblem } from "./dateProblem.js";
import { parseDurationParts } from "./parseDurationParts.js";
import { readWhenParts, type Parts } from "./readWhenParts.js";
import { WHEN_FORMS as FORMS, isFillerWord, quoteTyped as quote } from "./whenWords.js";

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

/** `unreadable`: the word that is no part of a time, when that is what went wrong. */
export type WhenResult = { at: number } | { error: string; unreadable?: string };

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
    .filter((token) => token !== "" && !isFillerWord(token));
  const lower = tokens.map((token) => token.toLowerCase());
  const phrase = lower.join(" ");

  if (phrase === "now" || phrase === "just now" || phrase === "right now") return { at: ctx.now };

  // "45m ago", "an hour ago", "in 3h", and a bare "3d" that leans the way the caller points.
  if (lower.length > 1 && lower[lower.length - 1] === "ago") {
    return shifted(now, tokens.slice(0, -1).join(" "), -1);
  }
  if (lower.length > 1 && (lower[0] === "in" || lower[0] === "for")) {
    return shifted(now, tokens.slice(1).join(" "), 1);
  }
  if (parseDurationParts(phrase) !== undefined) {
    return shifted(now, phrase, ctx.direction === "past" ? -1 : 1);
  }

  const parts = readWhenParts(tokens);
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
  if (!explicit.isValid) return notADay(day.source, day.year ?? now.year, day.month, day.day);
  if (day.year !== undefined || onSide(explicit, direction)) return checked(explicit);
  // "nov 22" without a year: the nearest one on the side the caller points to.
  const other = explicit.plus({ years: direction === "past" ? -1 : 1 });
  if (!other.isValid || other.day !== day.day) return notADay(day.source, other.year, day.month, day.day);
  return checked(other);
}

// Says which part of the day is impossible ("there is no month 13"), not only that it is.
function notADay(source: string, year: number, month: number, day: number): WhenResult {
  const why = dayProblem(year, month, day);
  return { error: `${quote(source)} is not a day on the calendar${why ? `: ${why}` : ""}.` };
}

// Years outside this range are typos ("in 9999999h", "0026-11-22"), never incident times.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function checked(moment: DateTime): WhenResult {
  const at = moment.toMillis();
  if (!moment.isValid || !Number.isFinite(at) || at < EARLIEST || at > LATEST) {
    return { error: "That is too far from today to be a real incident time." };
  }
  return { at };
}
