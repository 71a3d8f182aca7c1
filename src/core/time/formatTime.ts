import { DateTime } from "luxon";

/** "2026-11-22 14:05 UTC (09:05 EST)": UTC for the record, the team's zone for reading at 3 a.m. */
export function formatTime(at: number, zone: string): string {
  const utc = DateTime.fromMillis(at, { zone: "utc" });
  const local = DateTime.fromMillis(at, { zone });
  const localPart =
    zone === "UTC" || zone === "Etc/UTC"
      ? ""
      : ` (${local.toFormat(local.hasSame(utc, "day") ? "HH:mm ZZZZ" : "ccc HH:mm ZZZZ")})`;
  return `${utc.toFormat("yyyy-MM-dd HH:mm")} UTC${localPart}`;
}

/** "1h 25m", "3d 2h", "45s": the two largest units, for durations on boards and reports. */
export function formatDuration(ms: number): string {
  const negative = ms < 0;
  let rest = Math.round(Math.abs(ms) / 1000);
  const units: Array<[string, number]> = [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 && parts.length < 2) parts.push(`${amount}${unit}`);
    else if (parts.length > 0) break;
  }
  return (negative ? "-" : "") + (parts.length > 0 ? parts.join(" ") : "0s");
}
