import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { planNotices, type PlannedNotice } from "../../../src/core/clocks/planNotices.js";
import { configSchema } from "../../../src/core/config/schema.js";
import type { Incident, PostedNotice } from "../../../src/core/types.js";
import { HOUR, makeIncident, MINUTE } from "./makeIncident.js";
import { PLAYBOOK_LADDERS } from "./playbookLadders.js";

const config = configSchema.parse({
  escalation: { ladders: PLAYBOOK_LADDERS },
  oncall: { primary: "@oncall-olga", secondary: "sam" },
  acknowledge: { notify: ["@acme/support-leads", "oncall-olga"] },
});
// Friday 10:00 EDT: business hours, so the acknowledgement is due 15 minutes later.
const start = Date.parse("2026-06-05T14:00:00Z");

function posted(notice: PlannedNotice, at: number, commentId = 1): PostedNotice {
  return { kind: notice.kind, keys: notice.keys, at, commentId };
}

function acked(overrides: Partial<Incident> = {}): Incident {
  return makeIncident({
    declaredAt: start,
    startedAt: start,
    state: "acknowledged",
    acknowledgedAt: start + 5 * MINUTE,
    lead: "lena",
    // Keep reminders out of the escalation tests: the last update promised one far ahead.
    updates: [{ at: start + 5 * MINUTE, by: "lena", text: "On it", nextDueAt: start + 24 * HOUR }],
    ...overrides,
  });
}

const kinds = (notices: PlannedNotice[]) => notices.map((n) => n.kind);
const breaches = (incident: Incident, cfg: typeof config, now: number) =>
  planNotices(incident, cfg, now).filter((n) => n.kind === "ack-breach");

describe("acknowledgement breach", () => {
  const declared = makeIncident({ declaredAt: start, startedAt: start, severity: 4 });

  it("is not planned before the deadline", () => {
    expect(planNotices(declared, config, start + 14 * MINUTE)).toEqual([]);
  });

  it("names the on-call primary and the configured people once the deadline passes", () => {
    expect(planNotices(declared, config, start + 15 * MINUTE)).toEqual([
      {
        kind: "ack-breach",
        keys: ["ack"],
        dueAt: start + 15 * MINUTE,
        mentions: ["@oncall-olga", "@acme/support-leads"],
      },
    ]);
  });

  it("is covered by a breach notice posted after the deadline", () => {
    const [notice] = planNotices(declared, config, start + 16 * MINUTE);
    const incident = { ...declared, notices: [posted(notice!, start + 16 * MINUTE)] };
    expect(planNotices(incident, config, start + 20 * MINUTE)).toEqual([]);
  });

  it("is not covered by a notice dated before the deadline", () => {
    const forged: PostedNotice = { kind: "ack-breach", keys: ["ack"], at: start + MINUTE, commentId: 9 };
    expect(kinds(planNotices({ ...declared, notices: [forged] }, config, start + 20 * MINUTE))).toEqual([
      "ack-breach",
    ]);
  });

  it("is not planned once someone acknowledged, even late", () => {
    const late = { ...declared, state: "acknowledged" as const, acknowledgedAt: start + 40 * MINUTE };
    expect(breaches(late, config, start + 50 * MINUTE)).toEqual([]);
  });

  it("is not planned for a cancelled or closed incident", () => {
    expect(planNotices({ ...declared, state: "cancelled" }, config, start + HOUR)).toEqual([]);
    expect(planNotices({ ...declared, open: false }, config, start + HOUR)).toEqual([]);
  });

  it("uses the on-call roster at the declaration and the 60-minute allowance out of hours", () => {
    const saturday = Date.parse("2026-06-06T14:00:00Z");
    const rostered = configSchema.parse({
      oncall: {
        primary: "olga",
        roster: [{ name: "June weekend", from: "2026-06-06", to: "2026-06-07", primary: "@wes" }],
      },
    });
    const incident = makeIncident({ declaredAt: saturday, startedAt: saturday, severity: 3 });
    expect(breaches(incident, rostered, saturday + 59 * MINUTE)).toEqual([]);
    expect(breaches(incident, rostered, saturday + 60 * MINUTE)[0]?.mentions).toEqual(["@wes"]);
  });

  it("a non-revenue SEV4 out of hours waits for the office: 15 minutes from Monday 07:00, the on-call of then", () => {
    const saturday = Date.parse("2026-06-06T14:00:00Z");
    const monday = Date.parse("2026-06-08T11:00:00Z"); // 07:00 EDT
    const rostered = configSchema.parse({
      oncall: {
        primary: "olga",
        roster: [{ name: "June weekend", from: "2026-06-06", to: "2026-06-07", primary: "@wes" }],
      },
    });
    const incident = makeIncident({ declaredAt: saturday, startedAt: saturday, severity: 4 });
    expect(planNotices(incident, rostered, monday + 14 * MINUTE)).toEqual([]);
    expect(breaches(incident, rostered, monday + 15 * MINUTE)[0]?.mentions).toEqual(["@olga"]);
    // Revenue, or minor_severities emptied, and it is an ordinary out-of-hours incident again.
    expect(breaches({ ...incident, revenue: true }, rostered, saturday + 60 * MINUTE)[0]?.mentions).toEqual([
      "@wes",
    ]);
    const never = configSchema.parse({ business_hours: { minor_severities: [] }, oncall: rostered.oncall });
    expect(breaches(incident, never, saturday + 60 * MINUTE)[0]?.mentions).toEqual(["@wes"]);
  });
});

describe("escalation", () => {
  const revenue = acked({ revenue: true });

  it("plans one notice for every step a missed sweep skipped", () => {
    const notices = planNotices(revenue, config, start + 3 * HOUR + 5 * MINUTE);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "escalation",
      keys: ["revenue:0", "revenue:1", "revenue:2"],
      dueAt: start + 30 * MINUTE,
      mentions: ["@tech-leads", "@cto", "@ceo"],
    });
    expect(notices[0]?.steps?.map((s) => s.key)).toEqual(["revenue:0", "revenue:1", "revenue:2"]);
  });

  it("fires each step once as sweeps come and go", () => {
    let incident = revenue;
    const fired: string[][] = [];
    for (let t = start; t <= start + 4 * HOUR; t += 5 * MINUTE) {
      for (const notice of planNotices(incident, config, t)) {
        fired.push(notice.keys);
        incident = { ...incident, notices: [...incident.notices, posted(notice, t)] };
      }
    }
    expect(fired).toEqual([["revenue:0"], ["revenue:1"], ["revenue:2"]]);
  });

  it("stops at a workaround: mitigated at 1h50 leaves only the 30m step", () => {
    const mitigated = { ...revenue, state: "mitigated" as const, mitigatedAt: start + 110 * MINUTE };
    const [notice] = planNotices(mitigated, config, start + 3 * HOUR + 5 * MINUTE);
    expect(notice?.keys).toEqual(["revenue:0"]);
  });

  it("does not let an edited early notice claim later steps", () => {
    // A real notice for step 0 posted at 0:31 whose hidden data someone edited to claim steps 1 and 2.
    const edited: PostedNotice = {
      kind: "escalation",
      keys: ["revenue:0", "revenue:1", "revenue:2"],
      at: start + 31 * MINUTE,
      commentId: 7,
    };
    const [notice] = planNotices({ ...revenue, notices: [edited] }, config, start + 3 * HOUR + 5 * MINUTE);
    expect(notice?.keys).toEqual(["revenue:1", "revenue:2"]);
    expect(notice?.dueAt).toBe(start + 2 * HOUR);
    expect(notice?.mentions).toEqual(["@cto", "@ceo"]);
  });

  it("ignores keys claimed by other kinds of notice", () => {
    const reminder: PostedNotice = { kind: "reminder", keys: ["revenue:0"], at: start + HOUR, commentId: 3 };
    expect(planNotices({ ...revenue, notices: [reminder] }, config, start + HOUR)[0]?.keys).toEqual([
      "revenue:0",
    ]);
  });

  it("gives a non-revenue incident only the default 30m step", () => {
    const notices = planNotices(acked(), config, start + 5 * HOUR);
    expect(notices.map((n) => [n.kind, n.keys, n.mentions])).toEqual([
      ["escalation", ["default:0"], ["@tech-leads"]],
    ]);
  });

  it.each([
    ["resolved", { state: "resolved", resolvedAt: start + 20 * MINUTE }],
    ["cancelled", { state: "cancelled", cancelledAt: start + 20 * MINUTE }],
    ["resolved late", { state: "resolved", resolvedAt: start + 2 * HOUR + 30 * MINUTE }],
  ] as const)("plans nothing once %s", (_, end) => {
    expect(planNotices({ ...revenue, ...end }, config, start + 4 * HOUR)).toEqual([]);
  });

  it("merges mentions shared by several steps", () => {
    const shared = configSchema.parse({
      escalation: {
        ladders: [
          {
            name: "all",
            when: {},
            steps: [
              { after: "10m", notify: ["@lead", "vp"] },
              { after: "20m", notify: ["Lead", "@cto"] },
            ],
          },
        ],
      },
    });
    expect(planNotices(acked(), shared, start + HOUR)[0]?.mentions).toEqual(["@lead", "@vp", "@cto"]);
  });
});

describe("update reminders", () => {
  const base = makeIncident({
    declaredAt: start,
    startedAt: start,
    severity: 1,
    state: "mitigated",
    acknowledgedAt: start + MINUTE,
    mitigatedAt: start + 2 * MINUTE,
  });
  const reminders = (incident: Incident, now: number) =>
    planNotices(incident, config, now).filter((n) => n.kind === "reminder");

  it("follows the severity cadence when no update promised a time", () => {
    expect(reminders(base, start + 29 * MINUTE)).toEqual([]);
    expect(reminders(base, start + 30 * MINUTE)).toEqual([
      {
        kind: "reminder",
        keys: ["2026-06-05T14:30:00.000Z"],
        dueAt: start + 30 * MINUTE,
        mentions: ["@oncall-olga"],
      },
    ]);
  });

  it("follows the promised `next` instead", () => {
    const promised = {
      ...base,
      updates: [
        { at: start + 10 * MINUTE, by: "cora", text: "Rollback started", nextDueAt: start + 70 * MINUTE },
      ],
    };
    expect(reminders(promised, start + 60 * MINUTE)).toEqual([]);
    expect(reminders(promised, start + 70 * MINUTE)[0]?.keys).toEqual(["2026-06-05T15:10:00.000Z"]);
  });

  it("is covered once posted, and a new update moves the due time to a new key", () => {
    const [first] = reminders(base, start + 35 * MINUTE);
    let incident: Incident = { ...base, notices: [posted(first!, start + 35 * MINUTE)] };
    expect(reminders(incident, start + 50 * MINUTE)).toEqual([]);
    incident = {
      ...incident,
      updates: [{ at: start + 55 * MINUTE, by: "cora", text: "Traffic back to normal" }],
    };
    expect(reminders(incident, start + 84 * MINUTE)).toEqual([]);
    expect(reminders(incident, start + 85 * MINUTE)[0]?.keys).toEqual(["2026-06-05T15:25:00.000Z"]);
  });

  it("is not covered by a reminder posted before the due time", () => {
    const early: PostedNotice = {
      kind: "reminder",
      keys: ["2026-06-05T14:30:00.000Z"],
      at: start + 5 * MINUTE,
      commentId: 4,
    };
    expect(reminders({ ...base, notices: [early] }, start + 40 * MINUTE)).toHaveLength(1);
  });

  it("names the communicator, else the lead, else the on-call primary", () => {
    const now = start + HOUR;
    expect(reminders({ ...base, comms: "cora", lead: "lena" }, now)[0]?.mentions).toEqual(["@cora"]);
    expect(reminders({ ...base, lead: "lena" }, now)[0]?.mentions).toEqual(["@lena"]);
    expect(reminders(base, now)[0]?.mentions).toEqual(["@oncall-olga"]);
    const nobody = configSchema.parse({});
    expect(planNotices(base, nobody, now).find((n) => n.kind === "reminder")?.mentions).toEqual([]);
  });
});

describe("properties", () => {
  const ladders = configSchema.parse({
    oncall: { primary: "olga" },
    escalation: {
      ladders: [
        {
          name: "deep",
          when: { no_workaround: true },
          steps: [
            { after: "5m", notify: ["a"] },
            { after: "40m", notify: ["b"] },
            { after: "2h", notify: ["c"] },
            { after: "5h", notify: ["d"] },
          ],
        },
      ],
    },
  });

  it("however sweeps are spaced, each key is planned once and posting everything quiets the next sweep", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7 * HOUR }), { minLength: 1, maxLength: 25 }),
        fc.option(fc.integer({ min: 0, max: 7 * HOUR }), { nil: undefined }),
        fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4),
        (offsets, mitigatedOffset, severity) => {
          let incident = makeIncident({
            declaredAt: start,
            startedAt: start,
            severity,
            ...(mitigatedOffset !== undefined ? { mitigatedAt: start + mitigatedOffset } : {}),
          });
          const seen = new Set<string>();
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            const now = start + offset;
            const planned = planNotices(incident, ladders, now);
            expect(new Set(planned.map((n) => n.kind)).size).toBe(planned.length);
            for (const notice of planned) {
              expect(notice.dueAt).toBeLessThanOrEqual(now);
              for (const key of notice.keys) {
                const id = `${notice.kind}/${key}`;
                expect(seen.has(id)).toBe(false);
                seen.add(id);
              }
              incident = { ...incident, notices: [...incident.notices, posted(notice, now)] };
            }
            expect(planNotices(incident, ladders, now)).toEqual([]);
          }
          // Every step due before the last sweep and before the workaround was announced.
          const last = start + Math.max(...offsets);
          const expected = [5 * MINUTE, 40 * MINUTE, 2 * HOUR, 5 * HOUR].filter(
            (after) => start + after <= last && (mitigatedOffset === undefined || after < mitigatedOffset),
          ).length;
          expect([...seen].filter((id) => id.startsWith("escalation/")).length).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
