import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { businessCalendar } from "../../../src/core/calendar/businessCalendar.js";
import { acknowledgeDeadline } from "../../../src/core/clocks/acknowledgeDeadline.js";
import { configSchema } from "../../../src/core/config/schema.js";
import { MINUTE } from "./makeIncident.js";

const at = (iso: string) => Date.parse(iso);
const defaults = configSchema.parse({});
const withHolidays = configSchema.parse({
  business_hours: {
    days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    holidays: { country: "US", dates: ["2026-08-14"] },
  },
});

describe("acknowledgeDeadline", () => {
  it("gives 15 minutes on Friday 19:55 ET, running past closing time", () => {
    const declared = at("2026-06-05T23:55:00Z"); // Friday 19:55 EDT
    expect(acknowledgeDeadline(declared, defaults)).toEqual({
      dueAt: at("2026-06-06T00:10:00Z"), // 20:10 EDT
      businessHours: true,
      allowanceMs: 15 * MINUTE,
    });
  });

  it("gives 60 minutes on Friday 20:05 ET", () => {
    const declared = at("2026-06-06T00:05:00Z");
    expect(acknowledgeDeadline(declared, defaults)).toEqual({
      dueAt: at("2026-06-06T01:05:00Z"),
      businessHours: false,
      allowanceMs: 60 * MINUTE,
    });
  });

  it("gives 60 minutes on a Saturday afternoon", () => {
    const result = acknowledgeDeadline(at("2026-06-06T18:00:00Z"), defaults);
    expect(result.businessHours).toBe(false);
    expect(result.allowanceMs).toBe(60 * MINUTE);
  });

  it("gives 60 minutes on a configured closure and on a US public holiday", () => {
    expect(acknowledgeDeadline(at("2026-08-14T15:00:00Z"), withHolidays).businessHours).toBe(false);
    expect(acknowledgeDeadline(at("2026-11-26T15:00:00Z"), withHolidays).businessHours).toBe(false);
    expect(acknowledgeDeadline(at("2026-12-25T15:00:00Z"), withHolidays).businessHours).toBe(false);
    expect(acknowledgeDeadline(at("2026-11-27T15:00:00Z"), withHolidays).businessHours).toBe(true);
  });

  it("is exact in elapsed time across the spring-forward hour", () => {
    // 2026-03-08 01:30 EST (out of hours); one real hour later the wall clock reads 03:30 EDT.
    const declared = at("2026-03-08T06:30:00Z");
    const { dueAt } = acknowledgeDeadline(declared, withHolidays);
    expect(dueAt - declared).toBe(60 * MINUTE);
    expect(dueAt).toBe(at("2026-03-08T07:30:00Z"));
    // 07:00 EDT that day is business time on an all-week calendar.
    expect(acknowledgeDeadline(at("2026-03-08T11:00:00Z"), withHolidays).businessHours).toBe(true);
  });

  it("is exact in elapsed time across the fall-back hour", () => {
    // 2026-11-01 01:30 EDT; one real hour later the wall clock reads 01:30 again, in EST.
    const declared = at("2026-11-01T05:30:00Z");
    expect(acknowledgeDeadline(declared, withHolidays).dueAt).toBe(at("2026-11-01T06:30:00Z"));
    expect(acknowledgeDeadline(at("2026-11-01T12:00:00Z"), withHolidays)).toMatchObject({
      businessHours: true,
      dueAt: at("2026-11-01T12:15:00Z"),
    });
  });

  it("crosses midnight and the year end", () => {
    const declared = at("2027-01-01T04:59:00Z"); // 2026-12-31 23:59 EST
    expect(acknowledgeDeadline(declared, defaults)).toMatchObject({
      businessHours: false,
      dueAt: at("2027-01-01T05:59:00Z"), // 2027-01-01 00:59 EST
    });
  });

  it("uses the configured allowances", () => {
    const config = configSchema.parse({
      acknowledge: { within_business_hours: "5m", outside_business_hours: "2h" },
    });
    expect(acknowledgeDeadline(at("2026-06-05T15:00:00Z"), config).allowanceMs).toBe(5 * MINUTE);
    expect(acknowledgeDeadline(at("2026-06-06T15:00:00Z"), config).allowanceMs).toBe(120 * MINUTE);
  });

  it("always picks the allowance that matches the calendar", () => {
    const calendar = businessCalendar(withHolidays.business_hours);
    fc.assert(
      fc.property(fc.integer({ min: at("2026-01-01T00:00:00Z"), max: at("2027-12-31T00:00:00Z") }), (t) => {
        const result = acknowledgeDeadline(t, withHolidays);
        expect(result.businessHours).toBe(calendar.isBusinessTime(t));
        expect(result.dueAt - t).toBe(result.businessHours ? 15 * MINUTE : 60 * MINUTE);
      }),
      { numRuns: 200 },
    );
  });
});
