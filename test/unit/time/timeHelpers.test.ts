import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { leadingTime } from "../../../src/core/time/leadingTime.js";
import { parseDurationParts } from "../../../src/core/time/parseDurationParts.js";
import { timeZoneToken } from "../../../src/core/time/timeZoneToken.js";

const ZONE = "America/New_York";
const NOW = DateTime.fromISO("2026-11-22T10:00", { zone: ZONE }).toMillis();

describe("parseDurationParts", () => {
  it.each([
    ["30m", { minutes: 30 }],
    ["1h30m", { hours: 1, minutes: 30 }],
    ["2 hours", { hours: 2 }],
    ["an hour", { hours: 1 }],
    ["a day", { days: 1 }],
    ["1 hour and 15 minutes", { hours: 1, minutes: 15 }],
    ["1w 2d", { weeks: 1, days: 2 }],
    ["90 secs", { seconds: 90 }],
  ])("%s", (text, parts) => {
    expect(parseDurationParts(text)).toEqual(parts);
  });

  it.each(["", "0m", "soon", "5 parsecs", "30", "m", "1".repeat(70) + "m", "1 constructor", "2 __proto__"])(
    "rejects %j",
    (text) => {
      expect(parseDurationParts(text)).toBeUndefined();
    },
  );
});

describe("timeZoneToken", () => {
  it.each([
    ["UTC", "UTC"],
    ["z", "UTC"],
    ["+01:00", "UTC+1"],
    ["-0530", "UTC-5:30"],
    ["UTC+3", "UTC+3"],
    ["EST", "America/New_York"],
    ["Europe/Berlin", "Europe/Berlin"],
  ])("%s → %s", (token, zone) => {
    expect(timeZoneToken(token)).toBe(zone);
  });

  it.each(["+25:00", "Mars/Olympus", "xyz", "14:30", "__proto__", "constructor"])("rejects %s", (token) => {
    expect(timeZoneToken(token)).toBeUndefined();
  });
});

describe("leadingTime", () => {
  const past = { now: NOW, timeZone: ZONE, direction: "past" as const };
  const future = { ...past, direction: "future" as const };

  it("takes the longest time phrase and returns the rest as typed", () => {
    expect(leadingTime("2 hours ago when the  deploy went out", past)).toEqual({
      at: NOW - 2 * 3_600_000,
      rest: "when the  deploy went out",
    });
    expect(leadingTime("monday 08:00 the release", future)).toEqual({
      at: DateTime.fromISO("2026-11-23T08:00", { zone: ZONE }).toMillis(),
      rest: "the release",
    });
    expect(leadingTime("3d", future)).toEqual({ at: NOW + 3 * 86_400_000, rest: "" });
  });

  it("reports the error for the whole phrase when nothing leads with a time", () => {
    const result = leadingTime("sometime this morning", past);
    expect(result).toMatchObject({ error: expect.stringMatching(/`sometime`/) });
    expect(leadingTime("", past)).toMatchObject({ error: expect.stringMatching(/No time given/) });
  });
});
