import { describe, expect, it } from "vitest";
import { parseLocalMoment as parseFreezeMoment } from "../../../src/core/calendar/parseLocalMoment.js";
import { scheduledFreezes } from "../../../src/core/freeze/scheduledFreezes.js";
import { parseWeeklyPoint, weeklyOccurrences } from "../../../src/core/freeze/weeklyOccurrences.js";
import { at, config } from "./helpers.js";

const NY = "America/New_York";
const iso = (ms: number) => new Date(ms).toISOString();
const spans = (list: Array<{ start: number; end: number }>) => list.map((o) => [iso(o.start), iso(o.end)]);

describe("parseLocalMoment, as the freeze schedule reads it", () => {
  it("reads a moment without offset as wall-clock time in the zone", () => {
    expect(parseFreezeMoment("2026-12-24T17:00", NY)).toBe(at("2026-12-24T22:00:00Z"));
    expect(parseFreezeMoment("2026-07-24T17:00", NY)).toBe(at("2026-07-24T21:00:00Z"));
    expect(parseFreezeMoment("2026-12-24 17:00:30", NY)).toBe(at("2026-12-24T22:00:30Z"));
  });

  it("honours an explicit offset whatever the zone", () => {
    expect(parseFreezeMoment("2026-12-24T17:00:00Z", NY)).toBe(at("2026-12-24T17:00:00Z"));
    expect(parseFreezeMoment("2026-12-24T17:00+05:30", NY)).toBe(at("2026-12-24T11:30:00Z"));
    expect(parseFreezeMoment("2026-12-24T17:00+0530", NY)).toBe(at("2026-12-24T11:30:00Z"));
  });

  it("takes a bare date as the start of that day, or as its end (next midnight) for ends", () => {
    expect(parseFreezeMoment("2026-12-24", NY)).toBe(at("2026-12-24T05:00:00Z"));
    expect(parseFreezeMoment("2026-12-24", NY, "end")).toBe(at("2026-12-25T05:00:00Z"));
    // The day the clocks go forward is 23 hours long.
    expect(parseFreezeMoment("2026-03-08", NY, "end")).toBe(at("2026-03-09T04:00:00Z"));
  });

  it("moves a time in the spring-forward gap forward, like the clocks do", () => {
    expect(parseFreezeMoment("2026-03-08T02:30", NY)).toBe(at("2026-03-08T07:30:00Z"));
  });

  it("returns undefined for text that is no moment", () => {
    expect(parseFreezeMoment("next friday", NY)).toBeUndefined();
    expect(parseFreezeMoment("2026-02-30", NY)).toBeUndefined();
  });
});

describe("weeklyOccurrences", () => {
  it("parses weekday and time", () => {
    expect(parseWeeklyPoint("fri 16:00")).toEqual({ weekday: 5, hour: 16, minute: 0 });
    expect(parseWeeklyPoint("Sun 23:59")).toEqual({ weekday: 7, hour: 23, minute: 59 });
    expect(parseWeeklyPoint("friday 16:00")).toBeUndefined();
    expect(parseWeeklyPoint("fri 24:00")).toBeUndefined();
  });

  it("gives exact instants over three weeks across the spring DST switch", () => {
    const list = weeklyOccurrences(
      "fri 16:00",
      "mon 08:00",
      NY,
      at("2026-02-28T00:00:00Z"),
      at("2026-03-14T00:00:00Z"),
    );
    expect(spans(list)).toEqual([
      // Running at rangeFrom: still reported.
      ["2026-02-27T21:00:00.000Z", "2026-03-02T13:00:00.000Z"],
      // Starts in EST, ends in EDT: 63 hours, not 64.
      ["2026-03-06T21:00:00.000Z", "2026-03-09T12:00:00.000Z"],
      ["2026-03-13T20:00:00.000Z", "2026-03-16T12:00:00.000Z"],
    ]);
  });

  it("is an hour longer across the autumn switch", () => {
    const [only] = weeklyOccurrences(
      "fri 16:00",
      "mon 08:00",
      NY,
      at("2026-10-31T00:00:00Z"),
      at("2026-10-31T00:00:00Z"),
    );
    expect(only && spans([only])).toEqual([["2026-10-30T20:00:00.000Z", "2026-11-02T13:00:00.000Z"]]);
  });

  it("wraps the week and the year", () => {
    const list = weeklyOccurrences(
      "thu 18:00",
      "mon 09:00",
      NY,
      at("2027-01-01T12:00:00Z"),
      at("2027-01-01T12:00:00Z"),
    );
    expect(spans(list)).toEqual([["2026-12-31T23:00:00.000Z", "2027-01-04T14:00:00.000Z"]]);
  });

  it("ends on the first matching moment after the start, up to a full week", () => {
    const sameDayEarlier = weeklyOccurrences(
      "fri 18:00",
      "fri 09:00",
      NY,
      at("2026-06-06T00:00:00Z"),
      at("2026-06-06T00:00:00Z"),
    );
    expect(spans(sameDayEarlier)).toEqual([["2026-06-05T22:00:00.000Z", "2026-06-12T13:00:00.000Z"]]);
    const sameDayLater = weeklyOccurrences(
      "fri 09:00",
      "fri 18:00",
      NY,
      at("2026-06-05T15:00:00Z"),
      at("2026-06-05T15:00:00Z"),
    );
    expect(spans(sameDayLater)).toEqual([["2026-06-05T13:00:00.000Z", "2026-06-05T22:00:00.000Z"]]);
    const wholeWeek = weeklyOccurrences(
      "mon 08:00",
      "mon 08:00",
      NY,
      at("2026-06-03T00:00:00Z"),
      at("2026-06-03T00:00:00Z"),
    );
    expect(spans(wholeWeek)).toEqual([["2026-06-01T12:00:00.000Z", "2026-06-08T12:00:00.000Z"]]);
  });

  it("starts a window that falls in the DST gap when the clocks allow", () => {
    const list = weeklyOccurrences(
      "sun 02:30",
      "sun 04:00",
      NY,
      at("2026-03-08T00:00:00Z"),
      at("2026-03-08T23:00:00Z"),
    );
    expect(spans(list)).toEqual([["2026-03-08T07:30:00.000Z", "2026-03-08T08:00:00.000Z"]]);
  });

  it("returns nothing for an empty range or a malformed point", () => {
    expect(weeklyOccurrences("fri 16:00", "mon 08:00", NY, 10, 5)).toEqual([]);
    expect(weeklyOccurrences("fri", "mon 08:00", NY, 0, 1e12)).toEqual([]);
  });
});

describe("scheduledFreezes", () => {
  it("reads a one-off window in business-hours time, with a bare end date covering that whole day", () => {
    const c = config({ windows: [{ name: "Release", start: "2026-12-24T17:00", end: "2026-12-26" }] });
    expect(scheduledFreezes(c, at("2026-12-25T00:00:00Z"), at("2026-12-25T00:00:00Z"))).toEqual([
      {
        kind: "window",
        name: "Release",
        start: at("2026-12-24T22:00:00Z"),
        end: at("2026-12-27T05:00:00Z"),
        zone: NY,
      },
    ]);
  });

  it("reads a window in its own zone when it has one", () => {
    const c = config(
      {
        windows: [
          {
            name: "Berlin launch",
            start: "2026-07-01T09:00",
            end: "2026-07-01T18:00",
            timezone: "Europe/Berlin",
          },
        ],
      },
      { business_hours: { timezone: "America/Los_Angeles" } },
    );
    const [found] = scheduledFreezes(c, at("2026-07-01T10:00:00Z"), at("2026-07-01T10:00:00Z"));
    expect(found).toMatchObject({
      start: at("2026-07-01T07:00:00Z"),
      end: at("2026-07-01T16:00:00Z"),
      zone: "Europe/Berlin",
    });
  });

  it("ignores a window that ends before it starts (the schema refuses one; the core still freezes nothing)", () => {
    expect(() =>
      config({ windows: [{ name: "Backwards", start: "2026-07-02", end: "2026-07-01T00:00" }] }),
    ).toThrow(/`end` comes before `start`/);
    const c = config({});
    c.freeze.windows.push({ name: "Backwards", start: "2026-07-02", end: "2026-07-01T00:00" });
    expect(scheduledFreezes(c, 0, at("2030-01-01T00:00:00Z"))).toEqual([]);
  });

  it("bounds a weekly window by start and end when both are given", () => {
    const c = config({
      windows: [
        {
          name: "Q4 Fridays",
          weekly_from: "fri 12:00",
          weekly_to: "sat 00:00",
          start: "2026-10-01",
          end: "2026-10-16T18:00",
        },
      ],
    });
    const found = scheduledFreezes(c, at("2026-09-01T00:00:00Z"), at("2026-11-01T00:00:00Z"));
    expect(spans(found)).toEqual([
      ["2026-10-02T16:00:00.000Z", "2026-10-03T04:00:00.000Z"],
      ["2026-10-09T16:00:00.000Z", "2026-10-10T04:00:00.000Z"],
      ["2026-10-16T16:00:00.000Z", "2026-10-16T22:00:00.000Z"],
    ]);
  });

  it("starts a closure lead_days calendar days before the office closes", () => {
    const c = config({
      closures: [
        { name: "Christmas closure", closes: "2026-12-24T17:00", reopens: "2026-12-28T08:00" },
        { name: "Spring break", closes: "2026-03-09T17:00", reopens: "2026-03-16", lead_days: 2 },
        {
          name: "Same day",
          closes: "2026-05-01T12:00",
          reopens: "2026-05-02",
          lead_days: 0,
          short_lead_ok: true,
        },
      ],
    });
    const found = scheduledFreezes(c, 0, at("2030-01-01T00:00:00Z"));
    expect(found.map((f) => [f.name, iso(f.start), iso(f.end), iso(f.closes ?? 0)])).toEqual([
      [
        "Christmas closure",
        "2026-12-22T22:00:00.000Z",
        "2026-12-28T13:00:00.000Z",
        "2026-12-24T22:00:00.000Z",
      ],
      // Two calendar days before 17:00 EDT is 17:00 EST: 47 hours across the switch.
      ["Spring break", "2026-03-07T22:00:00.000Z", "2026-03-16T04:00:00.000Z", "2026-03-09T21:00:00.000Z"],
      ["Same day", "2026-05-01T16:00:00.000Z", "2026-05-02T04:00:00.000Z", "2026-05-01T16:00:00.000Z"],
    ]);
  });

  it("handles a closure across the new year with bare dates", () => {
    const c = config({
      closures: [{ name: "Year end", closes: "2026-12-31", reopens: "2027-01-04", lead_days: 3 }],
    });
    const [found] = scheduledFreezes(c, at("2027-01-02T00:00:00Z"), at("2027-01-02T00:00:00Z"));
    expect(found && [iso(found.start), iso(found.end)]).toEqual([
      "2026-12-28T05:00:00.000Z",
      "2027-01-04T05:00:00.000Z",
    ]);
  });
});
