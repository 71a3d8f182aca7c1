import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { businessCalendar } from "../../../src/core/calendar/businessCalendar.js";
import { configSchema, type ConfigInput } from "../../../src/core/config/schema.js";

const ALL_WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

function calendarFor(hours: ConfigInput["business_hours"] = {}) {
  return businessCalendar(configSchema.parse({ business_hours: hours }).business_hours);
}

const at = (iso: string) => Date.parse(iso);

describe("businessCalendar (defaults: America/New_York, mon–fri 07:00–20:00)", () => {
  const calendar = calendarFor();

  it("knows the working day's edges in local time", () => {
    // 2026-06-05 is a Friday in EDT (UTC-4).
    expect(calendar.isBusinessTime(at("2026-06-05T10:59:59Z"))).toBe(false); // 06:59:59
    expect(calendar.isBusinessTime(at("2026-06-05T11:00:00Z"))).toBe(true); // 07:00
    expect(calendar.isBusinessTime(at("2026-06-05T23:55:00Z"))).toBe(true); // 19:55
    expect(calendar.isBusinessTime(at("2026-06-05T23:59:59Z"))).toBe(true); // 19:59:59
    expect(calendar.isBusinessTime(at("2026-06-06T00:00:00Z"))).toBe(false); // 20:00
    expect(calendar.isBusinessTime(at("2026-06-06T00:05:00Z"))).toBe(false); // 20:05
  });

  it("closes on weekends and reopens Monday 07:00", () => {
    const saturdayNoon = at("2026-06-06T16:00:00Z");
    expect(calendar.isBusinessTime(saturdayNoon)).toBe(false);
    expect(calendar.holidayName(saturdayNoon)).toBeUndefined();
    expect(calendar.nextBusinessStart(saturdayNoon)).toBe(at("2026-06-08T11:00:00Z"));
    expect(calendar.nextBusinessStart(at("2026-06-06T00:05:00Z"))).toBe(at("2026-06-08T11:00:00Z"));
  });

  it("returns the moment itself when already inside business hours", () => {
    const inside = at("2026-06-05T15:17:42.123Z");
    expect(calendar.nextBusinessStart(inside)).toBe(inside);
  });

  it("closes on US federal holidays by default, as the check-in playbook's hours do; country none opts out", () => {
    expect(calendar.isBusinessTime(at("2026-11-26T15:00:00Z"))).toBe(false);
    expect(calendar.holidayName(at("2026-11-26T15:00:00Z"))).toBe("Thanksgiving Day");
    expect(calendarFor({ holidays: { country: "none" } }).isBusinessTime(at("2026-11-26T15:00:00Z"))).toBe(
      true,
    );
  });

  it("closes on every day of a named office closure, by its name", () => {
    const closed = calendarFor({
      holidays: { closures: [{ name: "Year-end shutdown", from: "2026-12-28", to: "2026-12-30" }] },
    });
    expect(closed.isBusinessTime(at("2026-12-28T15:00:00Z"))).toBe(false);
    expect(closed.holidayName(at("2026-12-30T15:00:00Z"))).toBe("Year-end shutdown");
    expect(closed.isBusinessTime(at("2026-12-31T15:00:00Z"))).toBe(true);
  });
});

describe("holidays", () => {
  const calendar = calendarFor({ holidays: { country: "US", dates: ["2026-12-24", "2026-12-31"] } });

  it("closes on US public holidays, by name", () => {
    const thanksgivingMorning = at("2026-11-26T15:00:00Z"); // Thursday 10:00 EST
    expect(calendar.isBusinessTime(thanksgivingMorning)).toBe(false);
    expect(calendar.holidayName(thanksgivingMorning)).toBe("Thanksgiving Day");
    expect(calendar.holidayName(at("2026-12-25T17:00:00Z"))).toBe("Christmas Day");
    // The substitute day counts: 2026-07-04 is a Saturday, observed Friday 07-03.
    expect(calendar.holidayName(at("2026-07-03T15:00:00Z"))).toMatch(/Independence Day/);
    // The day after Thanksgiving is not a public holiday.
    expect(calendar.isBusinessTime(at("2026-11-27T15:00:00Z"))).toBe(true);
  });

  it("bounds a holiday by local midnight, not UTC", () => {
    // 2026-11-26 05:30 UTC is Thursday 00:30 EST: already the holiday.
    expect(calendar.holidayName(at("2026-11-26T05:30:00Z"))).toBe("Thanksgiving Day");
    // 2026-11-27 03:00 UTC is Thursday 22:00 local: still the holiday.
    expect(calendar.holidayName(at("2026-11-27T03:00:00Z"))).toBe("Thanksgiving Day");
    // 2026-11-26 03:00 UTC is Wednesday 22:00 local: not yet.
    expect(calendar.holidayName(at("2026-11-26T03:00:00Z"))).toBeUndefined();
  });

  it("closes on configured closure dates", () => {
    const christmasEve = at("2026-12-24T15:00:00Z"); // Thursday 10:00 EST
    expect(calendar.isBusinessTime(christmasEve)).toBe(false);
    expect(calendar.holidayName(christmasEve)).toBe("Office closure");
    // Closed Thu 24 (closure), Fri 25 (Christmas), weekend: reopens Monday 28 at 07:00.
    expect(calendar.nextBusinessStart(at("2026-12-23T23:30:00Z"))).toBe(at("2026-12-23T23:30:00Z"));
    expect(calendar.nextBusinessStart(at("2026-12-24T01:30:00Z"))).toBe(at("2026-12-28T12:00:00Z"));
  });

  it("crosses midnight and the year end", () => {
    // Thursday 2026-12-31 is a closure and 2027-01-01 is New Year's Day; Monday 2027-01-04 reopens.
    const lastMinute = at("2027-01-01T04:59:00Z"); // 2026-12-31 23:59 EST
    expect(calendar.holidayName(lastMinute)).toBe("Office closure");
    const firstMinute = at("2027-01-01T05:00:00Z"); // 2027-01-01 00:00 EST
    expect(calendar.holidayName(firstMinute)).toBe("New Year's Day");
    expect(calendar.nextBusinessStart(lastMinute)).toBe(at("2027-01-04T12:00:00Z"));
  });

  it("reads holidays of a state subdivision and of other countries", () => {
    const london = calendarFor({ timezone: "Europe/London", holidays: { country: "GB-ENG" } });
    // Boxing Day 2026 is a Saturday; Monday 28th is the substitute bank holiday.
    expect(london.holidayName(at("2026-12-28T10:00:00Z"))).toMatch(/Boxing Day/);
    expect(london.isBusinessTime(at("2026-12-29T10:00:00Z"))).toBe(true);
    const munich = calendarFor({ timezone: "Europe/Berlin", holidays: { country: "DE-BY" } });
    // Epiphany (6 Jan) is public in Bavaria; at 23:30 UTC on the 5th it is already the 6th in Berlin.
    expect(munich.holidayName(at("2026-01-05T23:30:00Z"))).toBeDefined();
    expect(munich.holidayName(at("2026-01-05T22:30:00Z"))).toBeUndefined();
  });

  it("the config refuses an unknown country, and the calendar itself never fails on one", () => {
    expect(() => calendarFor({ holidays: { country: "ZZ" } })).toThrow(/unknown country/);
    const base = configSchema.parse({}).business_hours;
    const nowhere = businessCalendar({ ...base, holidays: { country: "ZZ", dates: [], closures: [] } });
    expect(nowhere.isBusinessTime(at("2026-12-25T17:00:00Z"))).toBe(true);
  });
});

describe("daylight saving time in America/New_York", () => {
  const calendar = calendarFor({ days: [...ALL_WEEK] });

  it("opens at 07:00 local on the spring-forward day", () => {
    // Sunday 2026-03-08: clocks jump 02:00 EST → 03:00 EDT, so 07:00 is 11:00 UTC.
    expect(calendar.isBusinessTime(at("2026-03-08T10:59:00Z"))).toBe(false);
    expect(calendar.isBusinessTime(at("2026-03-08T11:00:00Z"))).toBe(true);
    expect(calendar.nextBusinessStart(at("2026-03-08T06:30:00Z"))).toBe(at("2026-03-08T11:00:00Z"));
    expect(calendar.isBusinessTime(at("2026-03-09T00:00:00Z"))).toBe(false); // 20:00 EDT
  });

  it("opens at 07:00 local on the fall-back day", () => {
    // Sunday 2026-11-01: clocks fall 02:00 EDT → 01:00 EST, so 07:00 is 12:00 UTC.
    expect(calendar.isBusinessTime(at("2026-11-01T11:30:00Z"))).toBe(false); // 06:30 EST
    expect(calendar.isBusinessTime(at("2026-11-01T12:00:00Z"))).toBe(true);
    expect(calendar.nextBusinessStart(at("2026-11-01T05:30:00Z"))).toBe(at("2026-11-01T12:00:00Z"));
    expect(calendar.isBusinessTime(at("2026-11-02T00:59:00Z"))).toBe(true); // 19:59 EST
  });
});

describe("other zones and shapes of hours", () => {
  it("uses Europe/London wall time across BST", () => {
    const london = calendarFor({ timezone: "Europe/London", start: "09:00", end: "17:30" });
    expect(london.isBusinessTime(at("2026-01-07T09:00:00Z"))).toBe(true); // GMT
    expect(london.isBusinessTime(at("2026-07-07T08:30:00Z"))).toBe(true); // 09:30 BST
    expect(london.isBusinessTime(at("2026-07-07T16:30:00Z"))).toBe(false); // 17:30 BST
    expect(london.nextBusinessStart(at("2026-07-07T17:00:00Z"))).toBe(at("2026-07-08T08:00:00Z"));
  });

  it("handles a zone east of UTC whose day starts on the previous UTC date", () => {
    const tokyo = calendarFor({
      timezone: "Asia/Tokyo",
      start: "09:00",
      end: "18:00",
      holidays: { country: "JP" },
    });
    // Monday 2026-06-08 09:00 JST is Sunday 2026-06-07 24:00 UTC.
    expect(tokyo.isBusinessTime(at("2026-06-08T00:00:00Z"))).toBe(true);
    expect(tokyo.isBusinessTime(at("2026-06-07T23:59:00Z"))).toBe(false);
    expect(tokyo.nextBusinessStart(at("2026-06-06T03:00:00Z"))).toBe(at("2026-06-08T00:00:00Z"));
  });

  it("runs overnight hours past midnight and counts them to the opening day", () => {
    const nights = calendarFor({ timezone: "UTC", days: ["fri"], start: "22:00", end: "06:00" });
    expect(nights.isBusinessTime(at("2026-06-05T23:00:00Z"))).toBe(true); // Friday night
    expect(nights.isBusinessTime(at("2026-06-06T05:59:00Z"))).toBe(true); // into Saturday
    expect(nights.isBusinessTime(at("2026-06-06T06:00:00Z"))).toBe(false);
    expect(nights.isBusinessTime(at("2026-06-06T23:00:00Z"))).toBe(false); // Saturday night is not listed
    expect(nights.nextBusinessStart(at("2026-06-06T06:00:00Z"))).toBe(at("2026-06-12T22:00:00Z"));
  });

  it("treats equal start and end as the whole day", () => {
    const always = calendarFor({ timezone: "UTC", days: [...ALL_WEEK], start: "00:00", end: "00:00" });
    expect(always.isBusinessTime(at("2026-06-06T03:00:00Z"))).toBe(true);
  });
});

describe("properties", () => {
  const calendars = [
    calendarFor({ holidays: { country: "US", dates: ["2026-12-24"] } }),
    calendarFor({ timezone: "Europe/London", start: "09:00", end: "17:30", holidays: { country: "GB-ENG" } }),
    calendarFor({
      timezone: "Australia/Lord_Howe",
      days: ["mon", "wed", "sat"],
      start: "01:30",
      end: "02:30",
    }),
  ];
  const moment = fc.integer({ min: at("2025-12-01T00:00:00Z"), max: at("2028-02-01T00:00:00Z") });

  it("nextBusinessStart is the first business moment at or after `at`", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        moment,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cal, t, f) => {
          const next = cal.nextBusinessStart(t);
          expect(next).toBeGreaterThanOrEqual(t);
          expect(cal.isBusinessTime(next)).toBe(true);
          if (cal.isBusinessTime(t)) expect(next).toBe(t);
          // Any moment strictly between is closed.
          const between = t + Math.floor((next - t) * f);
          if (between < next) expect(cal.isBusinessTime(between)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
