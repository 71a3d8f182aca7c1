import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activeFreezes } from "../../../src/core/freeze/activeFreezes.js";
import { freezeBoundaries } from "../../../src/core/freeze/freezeBoundaries.js";
import { freezeVerdict } from "../../../src/core/freeze/freezeVerdict.js";
import type { FreezeIssue } from "../../../src/core/freeze/types.js";
import type { Config } from "../../../src/core/config/schema.js";
import type { IncidentState } from "../../../src/core/types.js";
import { config, incident, pullRequest } from "./helpers.js";

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);
// Zones with DST both ways, half-hour and 45-minute offsets, and none at all.
const zones = fc.constantFrom(
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "Asia/Kolkata",
  "Pacific/Chatham",
  "UTC",
);
const instant = fc.integer({ min: FROM, max: TO });
const shas = fc.constantFrom("a".repeat(40), "b".repeat(40));
const name = fc.oneof(
  fc.constantFrom("Christmas", "Weekend", "@team release", "Q4 <b>"),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const weekly = fc
  .tuple(
    fc.constantFrom("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    fc.integer({ min: 0, max: 23 }),
    fc.constantFrom(0, 30, 59),
  )
  .map(([day, hour, minute]) => `${day} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`);

function localText(ms: number, dateOnly: boolean): string {
  const text = new Date(ms).toISOString();
  return dateOnly ? text.slice(0, 10) : text.slice(0, 16);
}

const oneOff = fc
  .record({
    name,
    start: instant,
    // The schema refuses a window that ends before it starts, so none is generated.
    length: fc.integer({ min: 60_000, max: 20 * DAY }),
    dateOnly: fc.boolean(),
    timezone: fc.option(zones, { nil: undefined }),
  })
  .map(({ name, start, length, dateOnly, timezone }) => ({
    name,
    start: localText(start, dateOnly),
    end: localText(start + length, dateOnly),
    ...(timezone && { timezone }),
  }));
const weeklyWindow = fc
  .record({ name, weekly_from: weekly, weekly_to: weekly, timezone: fc.option(zones, { nil: undefined }) })
  .map(({ timezone, ...rest }) => ({ ...rest, ...(timezone && { timezone }) }));
const closure = fc
  .record({
    name,
    closes: instant,
    // Reopening after closing, even as bare dates (the schema refuses the other order).
    length: fc.integer({ min: 2 * DAY, max: 15 * DAY }),
    lead_days: fc.integer({ min: 0, max: 5 }),
    dateOnly: fc.boolean(),
  })
  .map(({ name, closes, length, lead_days, dateOnly }) => ({
    name,
    closes: localText(closes, dateOnly),
    reopens: localText(closes + length, dateOnly),
    lead_days,
    short_lead_ok: true,
  }));

const configs = fc
  .record({
    branches: fc.constantFrom<string[]>([], ["main"], ["release/*"], ["**"]),
    ignore_paths: fc.constantFrom<string[]>([], ["docs/**"]),
    incident_severities: fc.subarray([1, 2, 3, 4]),
    windows: fc.array(fc.oneof(oneOff, weeklyWindow), { maxLength: 3 }),
    closures: fc.array(closure, { maxLength: 2 }),
    exception_per_commit: fc.boolean(),
    approvers: fc.constantFrom<string[]>([], ["bob", "@acme/leads"]),
  })
  .chain((freeze) => zones.map((timezone) => config(freeze, { business_hours: { timezone } })));

const incidents = fc.array(
  fc.record({
    number: fc.integer({ min: 1, max: 5 }),
    open: fc.boolean(),
    state: fc.constantFrom<IncidentState>(
      "declared",
      "acknowledged",
      "mitigated",
      "resolved",
      "postmortem",
      "cancelled",
    ),
    severity: fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4),
    declaredAt: instant,
    title: name,
  }),
  { maxLength: 3 },
);

const freezeIssues = fc.array(
  fc.record(
    {
      number: fc.integer({ min: 10, max: 20 }),
      url: fc.constant("https://github.com/acme/shop/issues/10"),
      reason: name,
      until: instant,
      branches: fc.constantFrom<string[]>([], ["main"], ["develop"]),
      openedBy: fc.constant("alice"),
      openedAt: instant,
      closedAt: instant,
    },
    { requiredKeys: ["number", "url", "reason", "branches", "openedBy", "openedAt"] },
  ),
  { maxLength: 2 },
);

const exceptions = fc.array(
  fc.record({
    pullRequest: fc.constantFrom(77, 78),
    sha: shas,
    by: fc.constantFrom("bob", "@mallory"),
    at: instant,
    reason: name,
    granted: fc.boolean(),
  }),
  { maxLength: 3 },
);

const prs = fc
  .record({
    base: fc.constantFrom("main", "develop", "release/1.0", "refs/heads/main"),
    headSha: shas,
    labels: fc.constantFrom<string[]>([], ["incident-fix"], ["bug"]),
    files: fc.option(fc.constantFrom<string[]>([], ["docs/a.md"], ["src/a.ts", "docs/a.md"]), {
      nil: undefined,
    }),
    exceptions,
    referencedIncidents: fc.subarray([1, 2, 3, 4, 5]),
  })
  .map(({ files, ...rest }) => pullRequest({ ...rest, ...(files && { files }) }));

function input(c: Config, now: number, list: ReturnType<typeof incident>[], issues: FreezeIssue[]) {
  return { now, config: c, defaultBranch: "main", freezeIssues: issues, incidents: list };
}

describe("freezeVerdict properties", () => {
  it("is always success or failure, passes whenever nothing is frozen, and never pings anyone", () => {
    fc.assert(
      fc.property(configs, instant, incidents, freezeIssues, prs, (c, now, rawIncidents, issues, pr) => {
        const list = rawIncidents.map((raw) => incident(raw));
        const verdict = freezeVerdict({ ...input(c, now, list, issues), pr });
        const active = activeFreezes({ ...input(c, now, list, issues), base: pr.base });
        expect(["success", "failure"]).toContain(verdict.conclusion);
        expect(verdict.freezes).toEqual(active);
        if (active.length === 0) expect(verdict.conclusion).toBe("success");
        if (verdict.conclusion === "failure") expect(verdict.title).toMatch(/^Code freeze: /);
        expect(verdict.title.length).toBeGreaterThan(0);
        expect(`${verdict.title}\n${verdict.summary}`).not.toMatch(/@[A-Za-z0-9]/);
      }),
      { numRuns: 300 },
    );
  });

  it("never changes the active freezes between two boundaries", () => {
    fc.assert(
      fc.property(
        configs,
        freezeIssues,
        instant,
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (c, rawIssues, from, span, where) => {
          // Only what boundaries describe: schedule and manual ends (closing an issue is an event of its own).
          const issues = rawIssues.map(({ closedAt: _closed, ...issue }) => issue);
          const to = from + span;
          const t = Math.min(to, from + Math.floor(span * where));
          const last = freezeBoundaries(c, issues, from, t).at(-1) ?? from;
          const names = (now: number) =>
            activeFreezes({ ...input(c, now, [], issues), base: "main" })
              .map((f) => `${f.kind}:${f.name}:${f.startedAt}`)
              .sort();
          expect(names(t)).toEqual(names(last));
        },
      ),
      { numRuns: 300 },
    );
  });
});
