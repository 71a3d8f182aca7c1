import { DateTime } from "luxon";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a config moment ("2026-12-24", "2026-12-24T17:00", "2026-12-24 17:00:00Z") as epoch ms. Without
 * an offset it is wall-clock time in `zone`, so DST is the zone's business, not the reader's.
 * A bare date means the start of that day, or with `dateOnly: "end"` the end of it (the first instant of
 * the next day, since every interval here is half-open): "end: 2026-12-24" freezes all of the 24th.
 */
export function parseFreezeMoment(
  text: string,
  zone: string,
  dateOnly: "start" | "end" = "start",
): number | undefined {
  const trimmed = text.trim();
  const iso = trimmed.replace(" ", "T");
  const parsed = DateTime.fromISO(iso, { zone });
  if (!parsed.isValid) return undefined;
  if (DATE_ONLY.test(trimmed) && dateOnly === "end")
    return parsed.startOf("day").plus({ days: 1 }).toMillis();
  return parsed.toMillis();
}
