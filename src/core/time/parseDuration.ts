// Parses "30m", "2h", "1d", "1h30m", "90 minutes", "1 day" into milliseconds. Returns undefined for
// anything else so callers can say what was wrong in their own words.
const UNIT_MS: Record<string, number> = {
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  s: 1_000,
  sec: 1_000,
  secs: 1_000,
  second: 1_000,
  seconds: 1_000,
};

const WHOLE = /^\s*(?:\d+\s*[a-z]+\s*)+$/i;
const PART = /(\d+)\s*([a-z]+)/gi;

export function parseDuration(text: string): number | undefined {
  if (text.length > 100 || !WHOLE.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    const ms = UNIT_MS[(unit ?? "").toLowerCase()];
    if (ms === undefined) return undefined;
    total += Number(amount) * ms;
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** For config values the schema already validated. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`invalid duration "${text}"`);
  return ms;
}
