import type { DurationLikeObject } from "luxon";

// Like parseDuration, but keeps the units apart so luxon can add days as calendar days: "in 3 days" lands
// at the same wall-clock time even when a daylight-saving change falls in between. Also reads the spoken
// forms people type into "ago"/"in" phrases: "an hour", "a day", "1 hour and 30 minutes".
const UNITS = new Map<string, keyof DurationLikeObject>([
  ["w", "weeks"],
  ["wk", "weeks"],
  ["wks", "weeks"],
  ["week", "weeks"],
  ["weeks", "weeks"],
  ["d", "days"],
  ["day", "days"],
  ["days", "days"],
  ["h", "hours"],
  ["hr", "hours"],
  ["hrs", "hours"],
  ["hour", "hours"],
  ["hours", "hours"],
  ["m", "minutes"],
  ["min", "minutes"],
  ["mins", "minutes"],
  ["minute", "minutes"],
  ["minutes", "minutes"],
  ["s", "seconds"],
  ["sec", "seconds"],
  ["secs", "seconds"],
  ["second", "seconds"],
  ["seconds", "seconds"],
]);

const WHOLE = /^(?:\d{1,9}\s*[a-z]+\s*)+$/;
const PART = /(\d{1,9})\s*([a-z]+)/g;

export function parseDurationParts(text: string): DurationLikeObject | undefined {
  if (text.length > 60) return undefined;
  const normalized = text
    .toLowerCase()
    .replace(/,/g, " ")
    .replace(/\band\b/g, " ")
    .replace(/\ban?\s+(?=[a-z])/g, "1 ")
    .trim();
  if (!WHOLE.test(normalized)) return undefined;
  const parts: DurationLikeObject = {};
  let total = 0;
  for (const [, amount, unit] of normalized.matchAll(PART)) {
    const key = UNITS.get(unit ?? "");
    if (key === undefined) return undefined;
    const value = Number(amount);
    parts[key] = (parts[key] ?? 0) + value;
    total += value;
  }
  return total > 0 ? parts : undefined;
}
