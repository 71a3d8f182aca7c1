import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import { configSchema } from "../../../src/core/config/schema.js";
import { scheduledFreezes } from "../../../src/core/freeze/scheduledFreezes.js";
import { activeFreezes } from "../../../src/core/freeze/activeFreezes.js";
import { acknowledgeDeadline } from "../../../src/core/clocks/acknowledgeDeadline.js";

// Issue 18 items 3, 4 and 12: defaults that match the playbooks, and config dates that must exist.

const problemsOf = (raw: unknown) => {
  const result = parseConfig(raw);
  return result.ok ? [] : result.problems.map((p) => `${p.key}: ${p.message}`);
};
const at = (iso: string) => Date.parse(iso);

describe("holidays: one definition, the check-in playbook's calendar by default", () => {
  it("Thanksgiving gets the 60-minute allowance with no holiday configured", () => {
    const config = configSchema.parse({});
    expect(config.business_hours.holidays.country).toBe("US");
    // Thursday 2026-11-26 10:00 New York: inside 07:00–20:00 but a federal holiday.
    expect(acknowledgeDeadline(at("2026-11-26T15:00:00Z"), config).allowanceMs).toBe(60 * 60_000);
    expect(acknowledgeDeadline(at("2026-11-24T15:00:00Z"), config).allowanceMs).toBe(15 * 60_000);
  });

  it("a named closure closes the acknowledgement calendar and freezes merges two days before it", () => {
    const config = configSchema.parse({
      business_hours: {
        holidays: {
          closures: [{ name: "Year-end shutdown", from: "2026-12-28", to: "2026-12-31", primary: "erin" }],
        },
      },
    });
    expect(acknowledgeDeadline(at("2026-12-29T15:00:00Z"), config).businessHours).toBe(false);
    const [freeze] = scheduledFreezes(config, at("2026-12-01T00:00:00Z"), at("2027-02-01T00:00:00Z"));
    expect(freeze).toMatchObject({ kind: "closure", name: "Year-end shutdown" });
    // Two days before the first closed day (midnight in New York) until the morning it reopens.
    expect(new Date(freeze?.start ?? 0).toISOString()).toBe("2026-12-26T05:00:00.000Z");
    expect(new Date(freeze?.end ?? 0).toISOString()).toBe("2027-01-01T05:00:00.000Z");
  });

  it("freeze: false keeps the office closed without freezing merges", () => {
    const config = configSchema.parse({
      business_hours: {
        holidays: { closures: [{ name: "Offsite", from: "2026-06-01", to: "2026-06-01", freeze: false }] },
      },
    });
    expect(scheduledFreezes(config, 0, at("2030-01-01T00:00:00Z"))).toEqual([]);
  });
});

describe("freeze lead time below the playbook's two days", () => {
  const closure = { name: "Thanksgiving", closes: "2026-11-25T17:00", reopens: "2026-11-30T08:00" };

  it("is refused without short_lead_ok, saying why and what to set", () => {
    expect(problemsOf({ freeze: { closures: [{ ...closure, lead_days: 1 }] } })).toEqual([
      expect.stringMatching(/^freeze\.closures\.0\.lead_days: .*no fewer than 2 days.*short_lead_ok: true/),
    ]);
    expect(
      problemsOf({
        business_hours: {
          holidays: { closures: [{ name: "X", from: "2026-07-03", to: "2026-07-03", lead_days: 0 }] },
        },
      }),
    ).toEqual([expect.stringMatching(/lead_days: .*short_lead_ok: true/)]);
  });

  it("is accepted with short_lead_ok, and every held pull request is told it is shorter than the playbook's", () => {
    const config = configSchema.parse({
      freeze: { closures: [{ ...closure, lead_days: 1, short_lead_ok: true }] },
    });
    const freezes = activeFreezes({
      now: at("2026-11-25T12:00:00Z"),
      config,
      defaultBranch: "main",
      base: "main",
      freezeIssues: [],
      incidents: [],
    });
    expect(freezes).toHaveLength(1);
    expect(freezes[0]?.reason).toMatch(
      /only 1 day before the office closes, later than the playbook's 2 days/,
    );
  });
});

describe("impossible config dates are refused in words", () => {
  it("month 13, February 30th, an hour 25", () => {
    expect(
      problemsOf({
        freeze: { closures: [{ name: "X", closes: "2026-13-40T17:00", reopens: "2027-01-02" }] },
      }),
    ).toEqual(["freeze.closures.0.closes: not a real date: there is no month 13 (months run from 01 to 12)"]);
    expect(
      problemsOf({ oncall: { roster: [{ from: "2026-02-01", to: "2026-02-30", primary: "erin" }] } }),
    ).toEqual(["oncall.roster.0.to: not a real date: February 2026 has 28 days, not 30"]);
    expect(problemsOf({ business_hours: { holidays: { dates: ["2026-12-24", "2026-04-31"] } } })).toEqual([
      "business_hours.holidays.dates.1: not a real date: April 2026 has 30 days, not 31",
    ]);
    expect(
      problemsOf({ freeze: { windows: [{ name: "X", start: "2026-12-24T25:00", end: "2026-12-26" }] } }),
    ).toEqual(["freeze.windows.0.start: not a real date: there is no hour 25 (hours run from 00 to 23)"]);
  });

  it("a range that ends before it begins", () => {
    expect(
      problemsOf({ oncall: { roster: [{ from: "2026-12-24", to: "2026-12-20", primary: "erin" }] } }),
    ).toEqual(["oncall.roster.0.to: `to` comes before `from`"]);
    expect(
      problemsOf({
        freeze: { closures: [{ name: "X", closes: "2026-12-24T17:00", reopens: "2026-12-20" }] },
      }),
    ).toEqual([
      "freeze.closures.0.reopens: `reopens` comes before `closes`, so this closure would never freeze anything",
    ]);
  });
});
