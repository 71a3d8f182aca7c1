import { describe, expect, it } from "vitest";

import { configSchema, type ConfigInput } from "../../../src/core/config/schema.js";
import { onCallAt } from "../../../src/core/oncall/onCallAt.js";

const zone = "America/New_York";
const at = (iso: string) => Date.parse(iso);
const oncallOf = (input: ConfigInput["oncall"]) => configSchema.parse({ oncall: input }).oncall;

const oncall = oncallOf({
  primary: "@olga",
  secondary: "sam",
  roster: [
    { name: "December rotation", from: "2026-12-01", to: "2026-12-31", primary: "dora", secondary: "@dan" },
    { name: "Christmas", from: "2026-12-24T17:00", to: "2026-12-26", primary: "@chris" },
    {
      name: "Thanksgiving",
      from: "2026-11-25T18:00",
      to: "2026-11-30T07:00",
      primary: "tess",
      secondary: "tom",
    },
  ],
});

describe("onCallAt", () => {
  it("falls back to the standing primary and secondary outside the roster", () => {
    expect(onCallAt(oncall, zone, at("2026-06-05T14:00:00Z"))).toEqual({ primary: "olga", secondary: "sam" });
  });

  it("returns nothing when nobody is configured", () => {
    expect(onCallAt(oncallOf({}), zone, at("2026-06-05T14:00:00Z"))).toEqual({});
  });

  it("covers a date-time range in local time, end excluded", () => {
    expect(onCallAt(oncall, zone, at("2026-11-25T22:59:00Z")).primary).toBe("olga"); // 17:59 EST
    expect(onCallAt(oncall, zone, at("2026-11-25T23:00:00Z"))).toEqual({
      primary: "tess",
      secondary: "tom",
      period: "Thanksgiving",
    });
    expect(onCallAt(oncall, zone, at("2026-11-30T11:59:00Z")).primary).toBe("tess"); // 06:59 EST
    expect(onCallAt(oncall, zone, at("2026-11-30T12:00:00Z")).primary).toBe("olga");
  });

  it("includes the whole of a date-only end day, in the zone", () => {
    // 2026-12-31 23:59 EST is 2027-01-01 04:59 UTC: still December's rotation.
    expect(onCallAt(oncall, zone, at("2027-01-01T04:59:00Z")).primary).toBe("dora");
    expect(onCallAt(oncall, zone, at("2027-01-01T05:00:00Z")).primary).toBe("olga");
    // And a date-only start begins at local midnight, not UTC midnight.
    expect(onCallAt(oncall, zone, at("2026-12-01T04:59:00Z")).primary).toBe("olga");
    expect(onCallAt(oncall, zone, at("2026-12-01T05:00:00Z")).primary).toBe("dora");
  });

  it("lets the shorter holiday period override the rotation around it", () => {
    expect(onCallAt(oncall, zone, at("2026-12-24T21:59:00Z")).primary).toBe("dora"); // 16:59 EST
    // Christmas names no secondary, so the standing one applies rather than the rotation's.
    expect(onCallAt(oncall, zone, at("2026-12-24T22:00:00Z"))).toEqual({
      primary: "chris",
      secondary: "sam",
      period: "Christmas",
    });
    expect(onCallAt(oncall, zone, at("2026-12-27T04:59:00Z")).primary).toBe("chris"); // 26th 23:59 EST
    expect(onCallAt(oncall, zone, at("2026-12-27T05:00:00Z")).period).toBe("December rotation");
  });

  it("reads the roster in whatever zone it is given", () => {
    const london = oncallOf({ roster: [{ from: "2026-07-01", to: "2026-07-01", primary: "lou" }] });
    // 2026-07-01 00:00 BST is 2026-06-30 23:00 UTC.
    expect(onCallAt(london, "Europe/London", at("2026-06-30T22:59:00Z")).primary).toBeUndefined();
    expect(onCallAt(london, "Europe/London", at("2026-06-30T23:00:00Z")).primary).toBe("lou");
    expect(onCallAt(london, "Europe/London", at("2026-07-01T22:59:00Z")).primary).toBe("lou");
    expect(onCallAt(london, "Europe/London", at("2026-07-01T23:00:00Z")).primary).toBeUndefined();
  });

  it("honours explicit offsets and spans the DST change", () => {
    const utcShift = oncallOf({
      roster: [{ from: "2026-11-01T00:00Z", to: "2026-11-01T12:00Z", primary: "una" }],
    });
    expect(onCallAt(utcShift, zone, at("2026-11-01T11:59:00Z")).primary).toBe("una");
    expect(onCallAt(utcShift, zone, at("2026-11-01T12:00:00Z")).primary).toBeUndefined();
    // A local range across the fall-back night covers both 01:30s: four real hours for three on the clock.
    const night = oncallOf({
      roster: [{ from: "2026-11-01T00:00", to: "2026-11-01T03:00", primary: "nia" }],
    });
    expect(onCallAt(night, zone, at("2026-11-01T05:30:00Z")).primary).toBe("nia"); // 01:30 EDT
    expect(onCallAt(night, zone, at("2026-11-01T06:30:00Z")).primary).toBe("nia"); // 01:30 EST
    expect(onCallAt(night, zone, at("2026-11-01T08:00:00Z")).primary).toBeUndefined(); // 03:00 EST
  });

  it("the schema refuses entries whose dates do not exist; the core skips any that get through", () => {
    expect(() =>
      oncallOf({ primary: "olga", roster: [{ from: "2026-02-30", to: "2026-03-02", primary: "x" }] }),
    ).toThrow(/February 2026 has 28 days, not 30/);
    const broken = oncallOf({ primary: "olga" });
    broken.roster.push({ from: "2026-02-30", to: "2026-03-02", primary: "x" });
    expect(onCallAt(broken, zone, at("2026-03-01T15:00:00Z")).primary).toBe("olga");
  });

  it("a named office closure in business_hours.holidays is a roster entry for its days", () => {
    const config = configSchema.parse({
      oncall: { primary: "olga" },
      business_hours: {
        holidays: {
          closures: [{ name: "Thanksgiving", from: "2026-11-26", to: "2026-11-27", primary: "tom" }],
        },
      },
    });
    const holidays = config.business_hours.holidays;
    expect(onCallAt(config.oncall, zone, at("2026-11-27T23:00:00Z"), holidays)).toEqual({
      primary: "tom",
      period: "Thanksgiving",
    });
    expect(onCallAt(config.oncall, zone, at("2026-11-28T06:00:00Z"), holidays).primary).toBe("olga");
  });
});
