import { describe, expect, it } from "vitest";
import { activeFreezes } from "../../../src/core/freeze/activeFreezes.js";
import type { FreezeIssue } from "../../../src/core/freeze/types.js";
import type { Config } from "../../../src/core/config/schema.js";
import type { Incident } from "../../../src/core/types.js";
import { at, config, incident } from "./helpers.js";

function active(
  c: Config,
  now: number,
  options: { base?: string; freezeIssues?: FreezeIssue[]; incidents?: Incident[] } = {},
) {
  return activeFreezes({
    now,
    config: c,
    defaultBranch: "main",
    base: options.base ?? "main",
    freezeIssues: options.freezeIssues ?? [],
    incidents: options.incidents ?? [],
  });
}

function manual(overrides: Partial<FreezeIssue> = {}): FreezeIssue {
  return {
    number: 34,
    url: "https://github.com/acme/shop/issues/34",
    reason: "Payment provider migration",
    until: at("2026-03-06T22:00:00Z"),
    branches: [],
    openedBy: "alice",
    openedAt: at("2026-03-05T15:00:00Z"),
    ...overrides,
  };
}

describe("activeFreezes", () => {
  const christmas = config({
    closures: [{ name: "Christmas closure", closes: "2026-12-24T17:00", reopens: "2026-12-28T08:00" }],
  });

  it("finds nothing when nothing is configured or open", () => {
    expect(active(config(), at("2026-12-25T12:00:00Z"))).toEqual([]);
  });

  it("holds a closure from lead_days before closing until reopening, start inclusive and end exclusive", () => {
    const start = at("2026-12-22T22:00:00Z");
    const end = at("2026-12-28T13:00:00Z");
    expect(active(christmas, start - 1)).toEqual([]);
    expect(active(christmas, start)).toEqual([
      { kind: "closure", name: "Christmas closure", startedAt: start, endsAt: end },
    ]);
    expect(active(christmas, end - 1)).toHaveLength(1);
    expect(active(christmas, end)).toEqual([]);
  });

  it("holds a one-off window and a weekly window", () => {
    const c = config({
      windows: [
        { name: "Launch", start: "2026-06-01T09:00", end: "2026-06-01T17:00" },
        { name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" },
      ],
    });
    expect(active(c, at("2026-06-01T14:00:00Z")).map((f) => [f.kind, f.name])).toEqual([
      ["window", "Launch"],
    ]);
    expect(active(c, at("2026-06-06T14:00:00Z"))).toEqual([
      {
        kind: "weekly",
        name: "Weekend",
        startedAt: at("2026-06-05T20:00:00Z"),
        endsAt: at("2026-06-08T12:00:00Z"),
      },
    ]);
    expect(active(c, at("2026-06-03T14:00:00Z"))).toEqual([]);
  });

  it("holds a weekly window across the new year", () => {
    const c = config({
      windows: [{ name: "Long weekend", weekly_from: "thu 18:00", weekly_to: "mon 09:00" }],
    });
    expect(active(c, at("2027-01-01T12:00:00Z"))).toEqual([
      {
        kind: "weekly",
        name: "Long weekend",
        startedAt: at("2026-12-31T23:00:00Z"),
        endsAt: at("2027-01-04T14:00:00Z"),
      },
    ]);
  });

  it("freezes for open incidents of the configured severities until they are resolved", () => {
    const now = at("2026-03-02T15:00:00Z");
    const sev1 = incident();
    expect(active(config(), now, { incidents: [sev1] })).toEqual([
      {
        kind: "incident",
        name: "Incident #12 (SEV1)",
        startedAt: sev1.declaredAt,
        link: sev1.url,
        incident: 12,
        reason: "Checkout returns 500",
      },
    ]);
    for (const state of ["declared", "acknowledged", "mitigated"] as const) {
      expect(active(config(), now, { incidents: [incident({ state })] })).toHaveLength(1);
    }
    for (const state of ["resolved", "postmortem", "cancelled"] as const) {
      expect(active(config(), now, { incidents: [incident({ state })] })).toEqual([]);
    }
    expect(active(config(), now, { incidents: [incident({ open: false })] })).toEqual([]);
    expect(active(config(), now, { incidents: [incident({ severity: 2 })] })).toEqual([]);
    expect(
      active(config({ incident_severities: [1, 2] }), now, { incidents: [incident({ severity: 2 })] }),
    ).toHaveLength(1);
    expect(active(config({ incident_severities: [] }), now, { incidents: [sev1] })).toEqual([]);
  });

  it("holds a manual freeze while its issue is open and before its end", () => {
    const issue = manual();
    const now = at("2026-03-06T12:00:00Z");
    expect(active(config(), now, { freezeIssues: [issue] })).toEqual([
      {
        kind: "manual",
        name: "Manual freeze #34",
        startedAt: issue.openedAt,
        endsAt: issue.until,
        link: issue.url,
        issue: 34,
        reason: "Payment provider migration",
      },
    ]);
    expect(active(config(), at("2026-03-06T22:00:00Z"), { freezeIssues: [issue] })).toEqual([]);
    expect(
      active(config(), now, { freezeIssues: [manual({ closedAt: at("2026-03-06T11:00:00Z") })] }),
    ).toEqual([]);
    const openEnded = manual();
    delete openEnded.until;
    expect(
      active(config(), at("2027-01-01T00:00:00Z"), { freezeIssues: [openEnded] })[0]?.endsAt,
    ).toBeUndefined();
  });

  describe("scope", () => {
    const now = at("2026-12-25T12:00:00Z");

    it("applies configured freezes to the default branch only when freeze.branches is empty", () => {
      expect(active(christmas, now, { base: "main" })).toHaveLength(1);
      expect(active(christmas, now, { base: "develop", incidents: [incident()] })).toEqual([]);
    });

    it("applies configured freezes to the freeze.branches globs", () => {
      const c = config({
        branches: ["main", "release/*"],
        closures: [{ name: "Christmas closure", closes: "2026-12-24T17:00", reopens: "2026-12-28T08:00" }],
      });
      expect(active(c, now, { base: "release/3.1", incidents: [incident()] }).map((f) => f.kind)).toEqual([
        "closure",
        "incident",
      ]);
      expect(active(c, now, { base: "feature/x" })).toEqual([]);
    });

    it("lets a manual freeze's own branches override, and fall back to the configured scope when empty", () => {
      const issue = manual({ branches: ["release/*"], until: at("2027-01-01T00:00:00Z") });
      expect(active(config(), now, { base: "release/3.1", freezeIssues: [issue] })).toHaveLength(1);
      expect(active(config(), now, { base: "main", freezeIssues: [issue] })).toEqual([]);
      const everywhere = manual({ until: at("2027-01-01T00:00:00Z") });
      expect(
        active(config({ branches: ["develop"] }), now, { base: "develop", freezeIssues: [everywhere] }),
      ).toHaveLength(1);
      expect(active(config(), now, { base: "develop", freezeIssues: [everywhere] })).toEqual([]);
    });
  });

  it("lists overlapping freezes soonest-ending first, open-ended last", () => {
    const c = config({
      windows: [{ name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" }],
      closures: [{ name: "Christmas closure", closes: "2026-12-24T17:00", reopens: "2026-12-28T08:00" }],
    });
    const now = at("2026-12-26T12:00:00Z");
    const list = active(c, now, {
      incidents: [incident({ declaredAt: at("2026-12-26T10:00:00Z") })],
      freezeIssues: [manual({ until: at("2026-12-27T00:00:00Z"), openedAt: at("2026-12-26T09:00:00Z") })],
    });
    expect(list.map((f) => f.name)).toEqual([
      "Manual freeze #34",
      // Weekend (Fri 25 16:00 → Mon 28 08:00) and the closure end at the same instant: earlier start first.
      "Christmas closure",
      "Weekend",
      "Incident #12 (SEV1)",
    ]);
  });
});
