import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseWhen, type WhenContext } from "../../../src/core/time/parseWhen.js";

const RUNS = { seed: 1122, numRuns: 3000 };
const ZONE = "America/New_York";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Sunday 2026-11-22, 10:00 in New York.
const NOW = DateTime.fromISO("2026-11-22T10:00", { zone: ZONE }).toMillis();
const past: WhenContext = { now: NOW, timeZone: ZONE, direction: "past" };
const future: WhenContext = { ...past, direction: "future" };

const local = (iso: string, zone = ZONE): number => DateTime.fromISO(iso, { zone }).toMillis();

function at(text: string, ctx: WhenContext): number {
  const result = parseWhen(text, ctx);
  if ("error" in result) throw new Error(`${text}: ${result.error}`);
  return result.at;
}

function error(text: string, ctx: WhenContext = past): string {
  const result = parseWhen(text, ctx);
  if ("at" in result) throw new Error(`${text} unexpectedly parsed as ${new Date(result.at).toISOString()}`);
  return result.error;
}

describe("parseWhen", () => {
  it.each([
    ["now", "2026-11-22T10:00", "2026-11-22T10:00"],
    ["14:30", "2026-11-21T14:30", "2026-11-22T14:30"],
    ["09:00", "2026-11-22T09:00", "2026-11-23T09:00"],
    ["10:00", "2026-11-22T10:00", "2026-11-23T10:00"],
    ["2:30pm", "2026-11-21T14:30", "2026-11-22T14:30"],
    ["2:30 p.m.", "2026-11-21T14:30", "2026-11-22T14:30"],
    ["9 am", "2026-11-22T09:00", "2026-11-23T09:00"],
    ["12am", "2026-11-22T00:00", "2026-11-23T00:00"],
    ["noon", "2026-11-21T12:00", "2026-11-22T12:00"],
    ["14:30:15", "2026-11-21T14:30:15", "2026-11-22T14:30:15"],
    ["yesterday 23:10", "2026-11-21T23:10", "2026-11-21T23:10"],
    ["yesterday at 11pm", "2026-11-21T23:00", "2026-11-21T23:00"],
    ["23:10 yesterday", "2026-11-21T23:10", "2026-11-21T23:10"],
    ["tomorrow 09:00", "2026-11-23T09:00", "2026-11-23T09:00"],
    ["today", "2026-11-22T00:00", "2026-11-22T00:00"],
    ["monday 08:00", "2026-11-16T08:00", "2026-11-23T08:00"],
    ["Mon 8am", "2026-11-16T08:00", "2026-11-23T08:00"],
    ["sunday 08:00", "2026-11-22T08:00", "2026-11-29T08:00"],
    ["sunday 11:00", "2026-11-15T11:00", "2026-11-22T11:00"],
    ["friday", "2026-11-20T00:00", "2026-11-27T00:00"],
    ["last friday 17:00", "2026-11-20T17:00", "2026-11-20T17:00"],
    ["next monday", "2026-11-23T00:00", "2026-11-23T00:00"],
    ["2026-12-28", "2026-12-28T00:00", "2026-12-28T00:00"],
    ["2026-11-22 14:30", "2026-11-22T14:30", "2026-11-22T14:30"],
    ["2026-11-22T14:30", "2026-11-22T14:30", "2026-11-22T14:30"],
    ["2026/11/22 14:30", "2026-11-22T14:30", "2026-11-22T14:30"],
    ["nov 22 14:30", "2025-11-22T14:30", "2026-11-22T14:30"],
    ["22nd of November", "2026-11-22T00:00", "2027-11-22T00:00"],
    ["Dec 25 2026", "2026-12-25T00:00", "2026-12-25T00:00"],
    ["since about 14:30", "2026-11-21T14:30", "2026-11-22T14:30"],
    ["around 9:45", "2026-11-22T09:45", "2026-11-23T09:45"],
  ])("%s → past %s, future %s", (text, pastIso, futureIso) => {
    expect(at(text, past)).toBe(local(pastIso));
    expect(at(text, future)).toBe(local(futureIso));
  });

  it.each([
    ["45m ago", NOW - 45 * MINUTE],
    ["2 hours ago", NOW - 2 * HOUR],
    ["an hour ago", NOW - HOUR],
    ["1h30m ago", NOW - 90 * MINUTE],
    ["1 hour and 15 minutes ago", NOW - 75 * MINUTE],
    ["in 3h", NOW + 3 * HOUR],
    ["in 90 minutes", NOW + 90 * MINUTE],
    ["for 2h", NOW + 2 * HOUR],
  ])("%s is relative to now whichever the direction", (text, expected) => {
    expect(at(text, past)).toBe(expected);
    expect(at(text, future)).toBe(expected);
  });

  it("reads a bare duration in the caller's direction", () => {
    expect(at("3d", future)).toBe(local("2026-11-25T10:00"));
    expect(at("3 days", future)).toBe(local("2026-11-25T10:00"));
    expect(at("3d", past)).toBe(local("2026-11-19T10:00"));
    expect(at("45m", past)).toBe(NOW - 45 * MINUTE);
  });

  it("honours explicit offsets and zones", () => {
    expect(at("2026-11-22T14:30Z", past)).toBe(Date.UTC(2026, 10, 22, 14, 30));
    expect(at("2026-11-22T14:30:00.000Z", past)).toBe(Date.UTC(2026, 10, 22, 14, 30));
    expect(at("2026-11-22T14:30:00+01:00", past)).toBe(Date.UTC(2026, 10, 22, 13, 30));
    expect(at("2026-11-22T14:30+0530", past)).toBe(Date.UTC(2026, 10, 22, 9, 0));
    expect(at("2026-11-22 14:30 UTC", past)).toBe(Date.UTC(2026, 10, 22, 14, 30));
    expect(at("2026-11-22 14:30 +01:00", past)).toBe(Date.UTC(2026, 10, 22, 13, 30));
    expect(at("14:30 UTC", past)).toBe(Date.UTC(2026, 10, 22, 14, 30));
    expect(at("14:30 UTC", future)).toBe(Date.UTC(2026, 10, 23, 14, 30));
    expect(at("09:00 Europe/Berlin", past)).toBe(Date.UTC(2026, 10, 22, 8, 0));
    expect(at("09:00 europe/berlin", past)).toBe(Date.UTC(2026, 10, 22, 8, 0));
    expect(at("2026-07-01 09:00 EST", past)).toBe(local("2026-07-01T09:00"));
  });

  it("is DST-correct", () => {
    // New York springs forward on 2026-03-08 (02:00 → 03:00) and falls back on 2026-11-01.
    const beforeSpring: WhenContext = { ...future, now: local("2026-03-07T12:00") };
    expect(at("in 2 days", beforeSpring)).toBe(local("2026-03-09T12:00"));
    expect(at("in 2 days", beforeSpring) - beforeSpring.now).toBe(47 * HOUR);
    expect(at("in 48h", beforeSpring) - beforeSpring.now).toBe(48 * HOUR);
    expect(at("monday 08:00", beforeSpring)).toBe(local("2026-03-09T08:00"));
    // 02:30 does not exist that morning; luxon moves it forward an hour.
    const springMorning: WhenContext = { ...past, now: local("2026-03-08T12:00") };
    expect(at("02:30", springMorning)).toBe(local("2026-03-08T03:30"));
    expect(at("yesterday 23:10", springMorning)).toBe(local("2026-03-07T23:10"));
    const afterFall: WhenContext = { ...past, now: local("2026-11-02T12:00") };
    expect(at("2 days ago", afterFall)).toBe(local("2026-10-31T12:00"));
    expect(afterFall.now - at("2 days ago", afterFall)).toBe(49 * HOUR);
    expect(at("45m ago", afterFall)).toBe(afterFall.now - 45 * MINUTE);
  });

  it("falls back to UTC for an unusable zone instead of failing", () => {
    expect(at("14:30", { ...past, timeZone: "Not/AZone" })).toBe(Date.UTC(2026, 10, 22, 14, 30));
  });

  it.each([
    ["", /No time given/],
    ["   ", /No time given/],
    ["teatime", /`teatime`/],
    ["14", /`14` alone is ambiguous.*`14:00`.*`2pm`/],
    ["25:00", /`25:00` is not a time of day/],
    ["13pm", /`13pm`.*1 to 12/],
    ["2026-02-30", /`2026-02-30` is not a day on the calendar/],
    ["22/11/2026", /`22\/11\/2026` could be read as two different days/],
    ["monday tuesday", /`monday` and `tuesday` both name a day/],
    ["14:30 15:00", /both times of day/],
    ["14:30 UTC +02:00", /second time zone/],
    ["UTC", /`UTC` does not say when/],
    ["in soon", /`soon` is not a duration/],
    ["lots ago", /`lots` is not a duration/],
    ["nov", /needs both a month and a day/],
    ["in 99999999 weeks", /too far/],
    ["1800-01-01", /too far/],
    ["x".repeat(100), /too long/],
    // Words that name Object.prototype members must not be found in lookup tables.
    ["__proto__", /`__proto__`/],
    ["constructor 14:30", /`constructor`/],
    ["1 toString ago", /`1 toString` is not a duration/],
    ["14:30 hasOwnProperty", /`hasOwnProperty`/],
  ])("refuses %j and names the problem", (text, expected) => {
    const message = error(text);
    expect(message).toMatch(expected);
  });

  it("lists the accepted forms when it cannot read the text at all", () => {
    expect(error("teatime")).toMatch(/`14:30`.*`yesterday 23:10`.*`45m ago`.*`2026-11-22 14:30`/);
  });
});

const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/London",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Pacific/Chatham",
  "America/Sao_Paulo",
  "Asia/Kathmandu",
];
const zone = fc.constantFrom(...ZONES);
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) });
const direction = fc.constantFrom("past" as const, "future" as const);
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }));
const hhmm = ([hour, minute]: [number, number]): string =>
  `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;

// True when the wall-clock time does not exist on that day (a spring-forward gap).
function inGap(day: DateTime, hour: number, minute: number): boolean {
  const moment = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: day.zone },
  );
  return moment.hour !== hour || moment.minute !== minute;
}

describe("parseWhen properties", () => {
  it("never throws, and every error names the problem", () => {
    const words = fc.constantFrom(
      "14:30",
      "yesterday",
      "monday",
      "ago",
      "in",
      "2",
      "hours",
      "UTC",
      "+01:00",
      "2026-11-22",
      "pm",
      "nov",
      "next",
      "at",
      "🚒",
      "__proto__",
      "constructor",
      "T",
      "",
    );
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 100 }),
      fc.array(words, { maxLength: 6 }).map((parts) => parts.join(" ")),
    );
    fc.assert(
      fc.property(text, instant, zone, direction, (input, now, timeZone, dir) => {
        const result = parseWhen(input, { now, timeZone, direction: dir });
        if ("error" in result) {
          expect(result.error).toMatch(/`[^`]+`|No time given|too far/);
        } else {
          expect(Number.isSafeInteger(result.at)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('"N minutes ago" and "in N hours" are exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), instant, zone, direction, (n, now, timeZone, dir) => {
        expect(parseWhen(`${n}m ago`, { now, timeZone, direction: dir })).toEqual({ at: now - n * MINUTE });
        expect(parseWhen(`${n} minutes ago`, { now, timeZone, direction: dir })).toEqual({
          at: now - n * MINUTE,
        });
        expect(parseWhen(`in ${n}h`, { now, timeZone, direction: dir })).toEqual({ at: now + n * HOUR });
      }),
      RUNS,
    );
  });

  it("a bare time of day is the nearest such moment on the requested side", () => {
    fc.assert(
      fc.property(clock, instant, zone, direction, (time, now, timeZone, dir) => {
        const result = parseWhen(hhmm(time), { now, timeZone, direction: dir });
        if (!("at" in result)) throw new Error(result.error);
        const moment = DateTime.fromMillis(result.at, { zone: timeZone });
        if (dir === "past") {
          expect(result.at).toBeLessThanOrEqual(now);
          expect(now - result.at).toBeLessThanOrEqual(25 * HOUR);
        } else {
          expect(result.at).toBeGreaterThan(now);
          expect(result.at - now).toBeLessThanOrEqual(25 * HOUR);
        }
        if (!inGap(moment, time[0], time[1])) expect(moment.toFormat("HH:mm")).toBe(hhmm(time));
      }),
      RUNS,
    );
  });

  it("a weekday is the next (or last) such day within a week", () => {
    const days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        clock,
        instant,
        zone,
        direction,
        (day, time, now, timeZone, dir) => {
          const result = parseWhen(`${days[day]} ${hhmm(time)}`, { now, timeZone, direction: dir });
          if (!("at" in result)) throw new Error(result.error);
          const moment = DateTime.fromMillis(result.at, { zone: timeZone });
          expect(moment.weekday).toBe(day + 1);
          const distance = dir === "past" ? now - result.at : result.at - now;
          expect(distance).toBeGreaterThanOrEqual(dir === "past" ? 0 : 1);
          expect(distance).toBeLessThanOrEqual(7 * 24 * HOUR + HOUR);
        },
      ),
      RUNS,
    );
  });

  it("an ISO instant with an offset reads back exactly", () => {
    fc.assert(
      fc.property(instant, instant, zone, direction, (moment, now, timeZone, dir) => {
        const whole = moment - (moment % 1000);
        const iso =
          DateTime.fromMillis(whole, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? "";
        expect(parseWhen(iso, { now, timeZone, direction: dir })).toEqual({ at: whole });
      }),
      RUNS,
    );
  });

  it("a local date-time reads back to the same wall-clock time in the zone", () => {
    fc.assert(
      fc.property(instant, instant, zone, direction, (moment, now, timeZone, dir) => {
        const wall = DateTime.fromMillis(moment, { zone: timeZone }).toFormat("yyyy-MM-dd HH:mm");
        const result = parseWhen(wall, { now, timeZone, direction: dir });
        if (!("at" in result)) throw new Error(result.error);
        expect(DateTime.fromMillis(result.at, { zone: timeZone }).toFormat("yyyy-MM-dd HH:mm")).toBe(wall);
      }),
      RUNS,
    );
  });
});
