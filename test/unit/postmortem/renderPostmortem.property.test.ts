import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/core/config/schema.js";
import { parseActionItems } from "../../../src/core/postmortem/actionItems.js";
import { phaseChart } from "../../../src/core/postmortem/phaseChart.js";
import { postmortemView } from "../../../src/core/postmortem/postmortemView.js";
import { renderPostmortem } from "../../../src/core/postmortem/renderPostmortem.js";
import type { Incident, TimelineKind } from "../../../src/core/types.js";
import { POSTMORTEM_TEMPLATE } from "./fixtures.js";
import { checkMermaidGantt } from "./mermaidCheck.js";

// Words the renderer must never produce on its own; user text that happens to contain them is excluded so
// a failure always means a bug of ours.
const FORBIDDEN = /undefined|null|NaN|Invalid DateTime|\[object Object\]/;

const text = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom(
      "@alice ping",
      "<script>x</script>",
      "<!-- -->",
      "| a | b |",
      "- [ ] fake item",
      "```",
      "\n\n# H",
    ),
  )
  .filter((s) => !FORBIDDEN.test(s));
const login = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).filter((s) => !FORBIDDEN.test(s));
const time = fc.integer({ min: Date.parse("2000-01-01"), max: Date.parse("2100-01-01") });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const journal = fc.record({ at: time, by: login, text });
const kinds: TimelineKind[] = [
  "declared",
  "state",
  "note",
  "deviation",
  "update",
  "escalation",
  "pull-request",
  "breach",
];

const incident: fc.Arbitrary<Incident> = fc.record({
  number: fc.integer({ min: 1, max: 100_000 }),
  title: text,
  url: fc.constantFrom("https://github.com/o/r/issues/1", "javascript:alert(1)", ""),
  open: fc.boolean(),
  state: fc.constantFrom("declared", "acknowledged", "mitigated", "resolved", "postmortem", "cancelled"),
  severity: fc.constantFrom(1, 2, 3, 4),
  severitySet: fc.boolean(),
  revenue: fc.boolean(),
  declaredAt: time,
  declaredBy: opt(login),
  startedAt: time,
  acknowledgedAt: opt(time),
  acknowledgedBy: opt(login),
  mitigatedAt: opt(time),
  resolvedAt: opt(time),
  cancelledAt: opt(time),
  lead: opt(login),
  comms: opt(login),
  roles: fc.dictionary(fc.constantFrom("investigator", "fixer", "tester"), fc.array(login, { maxLength: 3 })),
  workaround: opt(journal),
  resolution: opt(journal),
  cancelReason: opt(journal),
  updates: fc.array(fc.record({ at: time, by: login, text, nextDueAt: opt(time) }), { maxLength: 4 }),
  notes: fc.array(journal, { maxLength: 3 }),
  deviations: fc.array(journal, { maxLength: 3 }),
  form: fc.record(
    {
      summary: text,
      severity: fc.constantFrom(1, 2, 3, 4),
      applications: text,
      businessImpact: text,
      evidence: text,
      revenue: fc.constantFrom("yes", "no", "unknown"),
      reproduce: text,
      startedText: text,
      startedAt: time,
    },
    { requiredKeys: [] },
  ),
  pullRequests: fc.array(
    fc.record({
      number: fc.integer({ min: 1, max: 10_000 }),
      title: text,
      url: fc.constantFrom("https://github.com/o/r/pull/2", "not a url (x)"),
      state: fc.constantFrom("open", "closed", "merged"),
      at: time,
      mergedAt: opt(time),
      revert: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  freezeExceptions: fc.array(
    fc.record({
      at: time,
      by: login,
      pullRequest: fc.integer({ min: 1, max: 10_000 }),
      sha: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), text),
      reason: text,
      granted: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  notices: fc.array(
    fc.record({
      kind: fc.constantFrom("escalation", "ack-breach", "reminder"),
      keys: fc.array(fc.constantFrom("revenue:0", "default:0", "ack"), { maxLength: 2 }),
      at: time,
      commentId: fc.nat(),
    }),
    { maxLength: 3 },
  ),
  gaps: fc.array(
    fc.record({
      kind: fc.constantFrom(
        "resolved-without-resolution",
        "mitigated-without-workaround",
        "no-lead",
        "comms-is-lead",
      ),
      since: time,
      message: text,
    }),
    { maxLength: 2 },
  ),
  timeline: fc.array(
    fc.record({
      at: time,
      kind: fc.constantFrom(...kinds),
      actor: opt(login),
      text,
      url: opt(fc.constantFrom("https://x/y", "bad url")),
    }),
    { maxLength: 8 },
  ),
}) as fc.Arbitrary<Incident>;

const config = fc
  .constantFrom("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham")
  .map((timezone) => configSchema.parse({ business_hours: { timezone } }));

const ctx = fc.record(
  {
    now: time,
    repoUrl: fc.constantFrom("https://github.com/o/r", "", "https://github.com/o/r/"),
    ackDeadline: fc.record({ dueAt: time, met: fc.boolean() }),
    escalations: fc.array(
      fc.record({ key: text, at: time, notify: fc.array(login, { maxLength: 2 }), note: opt(text) }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ["now", "repoUrl"] },
);

describe("renderPostmortem on random incidents", () => {
  it("never throws, never prints undefined, never lets user text ping or break out", () => {
    fc.assert(
      fc.property(incident, config, ctx, (inc, cfg, c) => {
        const doc = renderPostmortem(POSTMORTEM_TEMPLATE, inc, cfg, c);
        expect(doc).not.toMatch(FORBIDDEN);
        expect(doc).not.toMatch(/@(?=[A-Za-z0-9])/);
        expect(doc).not.toMatch(/<script|javascript:/i);
        expect(doc.match(/<!--/g)).toHaveLength(2);
        expect(doc.match(/-->/g)).toHaveLength(2);
      }),
      { numRuns: 200 },
    );
  });

  it("seeds action items that always parse back unchanged, and a chart that always parses", () => {
    fc.assert(
      fc.property(incident, config, ctx, (inc, cfg, c) => {
        const doc = renderPostmortem(POSTMORTEM_TEMPLATE, inc, cfg, c);
        const seeded = (postmortemView(inc, cfg, c) as { actionItems: Array<{ text: string }> }).actionItems;
        expect(parseActionItems(doc).map((item) => item.text)).toEqual(seeded.map((item) => item.text));
        checkMermaidGantt(phaseChart(inc, cfg.business_hours.timezone));
      }),
      { numRuns: 200 },
    );
  });
});
