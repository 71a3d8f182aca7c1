import { readFileSync } from "node:fs";
import { configSchema, type Config } from "../../../src/core/config/schema.js";
import type { Incident } from "../../../src/core/types.js";
import { emptyIncident } from "../../../src/core/emptyIncident.js";

export const POSTMORTEM_TEMPLATE = readFileSync(
  new URL("../../../templates/postmortem.md.mustache", import.meta.url),
  "utf8",
);
export const FOLLOWUP_TEMPLATE = readFileSync(
  new URL("../../../templates/followup-issue.md.mustache", import.meta.url),
  "utf8",
);

export const config: Config = configSchema.parse({ business_hours: { timezone: "America/New_York" } });

export const t = (iso: string): number => Date.parse(iso);
const MIN = 60_000;

// 2026-11-24 is a Tuesday in EST (UTC-5): 14:05 UTC reads 09:05 EST, inside business hours.
const DECLARED = t("2026-11-24T14:05:00Z");

/** A worked incident with something in every section, and hostile text wherever people can type. */
export function richIncident(): Incident {
  return {
    number: 42,
    title: "[Incident] Checkout fails for café bookings <script>alert(1)</script>",
    url: "https://github.com/acme/shop/issues/42",
    open: true,
    state: "resolved",
    severity: 1,
    severitySet: true,
    revenue: true,
    declaredAt: DECLARED,
    declaredBy: "alice",
    startedAt: DECLARED - 40 * MIN,
    acknowledgedAt: DECLARED + 25 * MIN,
    acknowledgedBy: "bob",
    mitigatedAt: DECLARED + 70 * MIN,
    resolvedAt: DECLARED + 3 * 60 * MIN,
    lead: "bob",
    comms: "carol",
    roles: { investigator: ["dave", "erin"], fixer: ["frank"], tester: [] },
    workaround: {
      at: DECLARED + 70 * MIN,
      by: "frank",
      text: "Routed payments to the backup provider, ping @payments-team",
    },
    resolution: {
      at: DECLARED + 180 * MIN,
      by: "frank",
      text: "Reverted the currency rounding change (#101) and redeployed.\nVerified error rate back to baseline.",
    },
    updates: [
      {
        at: DECLARED + 30 * MIN,
        by: "carol",
        text: "Investigating; card payments fail. cc @acme/support",
        nextDueAt: DECLARED + 60 * MIN,
      },
      { at: DECLARED + 75 * MIN, by: "carol", text: "Workaround live <b>bold</b> | pipe" },
      { at: DECLARED + 185 * MIN, by: "carol", text: "Resolved." },
    ],
    notes: [{ at: DECLARED + 20 * MIN, by: "dave", text: "Logs show rounding errors" }],
    deviations: [
      {
        at: DECLARED + 60 * MIN,
        by: "frank",
        text: "Skipped code review on #101 revert: <!-- sneaky --> speed of fix, nobody awake",
      },
      { at: DECLARED + 65 * MIN, by: "bob", text: "Deployed outside the release train; @ceo approved" },
    ],
    form: {
      summary: "Card payments fail at checkout with a 500.\n<img src=x onerror=alert(1)>",
      severity: 1,
      applications: "checkout, payments-api",
      businessImpact: "No bookings can be paid by card | roughly 30% of revenue",
      evidence: "Bugsnag spike: https://bugsnag.example/errors/1\nCall centre reports since 08:30",
      revenue: "yes",
      reproduce: "1. Add a café booking\n2. Pay by card\n```\nthen see 500",
      startedText: "about 08:25 local",
      startedAt: DECLARED - 40 * MIN,
    },
    pullRequests: [
      {
        number: 101,
        title: 'Revert "Round currency to 2dp"',
        url: "https://github.com/acme/shop/pull/101",
        state: "merged",
        at: DECLARED + 50 * MIN,
        mergedAt: DECLARED + 90 * MIN,
        revert: true,
      },
      {
        number: 102,
        title: "Add regression test for rounding [wip]",
        url: "https://github.com/acme/shop/pull/102",
        state: "open",
        at: DECLARED + 120 * MIN,
        revert: false,
      },
    ],
    freezeExceptions: [
      {
        at: DECLARED + 55 * MIN,
        by: "bob",
        pullRequest: 101,
        sha: "abcdef1234567890",
        reason: "Revert of the cause",
        granted: true,
      },
      {
        at: DECLARED + 56 * MIN,
        by: "mallory",
        pullRequest: 103,
        sha: "0123456789abcdef",
        reason: "Unrelated feature",
        granted: false,
      },
    ],
    followups: [],
    notices: [
      { kind: "ack-breach", keys: ["ack"], at: DECLARED + 15 * MIN, commentId: 9001 },
      { kind: "escalation", keys: ["revenue:0"], at: DECLARED + 30 * MIN, commentId: 9002 },
    ],
    gaps: [],
    timeline: [
      {
        at: DECLARED,
        kind: "declared",
        actor: "alice",
        text: "Declared with the incident form",
        url: "https://github.com/acme/shop/issues/42",
      },
      { at: DECLARED + 1 * MIN, kind: "severity", actor: "alice", text: "Severity set to sev 1" },
      { at: DECLARED + 2 * MIN, kind: "impact", actor: "alice", text: "Revenue impact flagged" },
      { at: DECLARED + 15 * MIN, kind: "breach", text: "Acknowledgement deadline missed" },
      { at: DECLARED + 20 * MIN, kind: "note", actor: "dave", text: "Logs show rounding errors" },
      { at: DECLARED + 25 * MIN, kind: "state", actor: "bob", text: "Acknowledged (/ack)" },
      { at: DECLARED + 26 * MIN, kind: "role", actor: "bob", text: "Lead: bob; comms: @carol" },
      {
        at: DECLARED + 30 * MIN,
        kind: "update",
        actor: "carol",
        text: "Investigating; card payments fail. cc @acme/support",
      },
      {
        at: DECLARED + 30 * MIN,
        kind: "escalation",
        text: "Escalated to @tech-leads (revenue ladder, step 1)",
      },
      {
        at: DECLARED + 50 * MIN,
        kind: "pull-request",
        actor: "frank",
        text: 'Linked #101 Revert "Round currency to 2dp"',
      },
      {
        at: DECLARED + 55 * MIN,
        kind: "freeze-exception",
        actor: "bob",
        text: "Freeze exception granted for #101",
      },
      {
        at: DECLARED + 60 * MIN,
        kind: "deviation",
        actor: "frank",
        text: "Skipped code review on #101 revert: <!-- sneaky --> speed of fix, nobody awake",
      },
      {
        at: DECLARED + 65 * MIN,
        kind: "deviation",
        actor: "bob",
        text: "Deployed outside the release train; @ceo approved",
      },
      {
        at: DECLARED + 70 * MIN,
        kind: "workaround",
        actor: "frank",
        text: "Routed payments to the backup provider, ping @payments-team",
      },
      { at: DECLARED + 75 * MIN, kind: "update", actor: "carol", text: "Workaround live <b>bold</b> | pipe" },
      {
        at: DECLARED + 180 * MIN,
        kind: "resolution",
        actor: "frank",
        text: "Reverted the currency rounding change (#101) and redeployed. --> </table><script>x</script>",
      },
      { at: DECLARED + 185 * MIN, kind: "update", actor: "carol", text: "Resolved." },
    ],
  };
}

/** Declared through a bare label: no form, no updates, nobody acknowledged. */
export function minimalIncident(): Incident {
  return emptyIncident({
    number: 7,
    title: "🔥🔥🔥",
    url: "https://github.com/acme/shop/issues/7",
    declaredAt: DECLARED,
  });
}
