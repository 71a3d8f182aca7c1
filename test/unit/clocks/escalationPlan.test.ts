import { describe, expect, it } from "vitest";

import { escalationPlan } from "../../../src/core/clocks/escalationPlan.js";
import { matchLadder } from "../../../src/core/clocks/matchLadder.js";
import { configSchema } from "../../../src/core/config/schema.js";
import { HOUR, makeIncident, MINUTE } from "./makeIncident.js";
import { PLAYBOOK_LADDERS } from "./playbookLadders.js";

const config = configSchema.parse({ escalation: { ladders: PLAYBOOK_LADDERS } });
const start = Date.parse("2026-06-05T14:00:00Z");

describe("escalationPlan with the default ladders", () => {
  it("puts a revenue incident without a workaround on 30m / 2h / 3h from the report, not the backdated start", () => {
    const declaredAt = start + 2 * HOUR;
    const incident = makeIncident({ revenue: true, declaredAt, startedAt: start });
    // Declared two hours after the problem began: nothing is due yet at the moment of declaration.
    expect(escalationPlan(incident, config, declaredAt).steps.map((s) => s.state)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);
    const plan = escalationPlan(incident, config, declaredAt + 31 * MINUTE);
    expect(plan.ladder).toBe("revenue");
    expect(plan.steps.map((s) => [s.key, s.dueAt - declaredAt, s.state, s.notify])).toEqual([
      ["revenue:0", 30 * MINUTE, "due", ["@tech-leads"]],
      ["revenue:1", 2 * HOUR, "pending", ["@cto"]],
      ["revenue:2", 3 * HOUR, "pending", ["@ceo"]],
    ]);
    expect(plan.steps[1]?.note).toMatch(/CTO/);
  });

  it("counts from when the problem began only when escalation.count_from is start", () => {
    const fromStart = configSchema.parse({ escalation: { ladders: PLAYBOOK_LADDERS, count_from: "start" } });
    const declaredAt = start + 2 * HOUR;
    const incident = makeIncident({ revenue: true, declaredAt, startedAt: start });
    expect(
      escalationPlan(incident, fromStart, declaredAt).steps.map((s) => [s.dueAt - start, s.state]),
    ).toEqual([
      [30 * MINUTE, "due"],
      [2 * HOUR, "due"],
      [3 * HOUR, "pending"],
    ]);
  });

  it("stops the steps a workaround came before", () => {
    const incident = makeIncident({
      revenue: true,
      startedAt: start,
      state: "mitigated",
      mitigatedAt: start + 110 * MINUTE,
    });
    const plan = escalationPlan(incident, config, start + 4 * HOUR);
    expect(plan.steps.map((s) => s.state)).toEqual(["due", "stopped", "stopped"]);
  });

  it("counts a journaled workaround even without the mitigated state", () => {
    const incident = makeIncident({
      revenue: true,
      startedAt: start,
      state: "acknowledged",
      workaround: { at: start + 20 * MINUTE, by: "alice", text: "Routed traffic to the old checkout" },
    });
    expect(escalationPlan(incident, config, start + HOUR).steps.map((s) => s.state)).toEqual([
      "stopped",
      "stopped",
      "stopped",
    ]);
  });

  it("stops a step due exactly when the workaround landed", () => {
    const incident = makeIncident({ revenue: true, startedAt: start, mitigatedAt: start + 2 * HOUR });
    expect(escalationPlan(incident, config, start + 4 * HOUR).steps.map((s) => s.state)).toEqual([
      "due",
      "stopped",
      "stopped",
    ]);
  });

  it("stops everything when labelled mitigated with no recorded moment", () => {
    const incident = makeIncident({ revenue: true, startedAt: start, state: "mitigated" });
    expect(escalationPlan(incident, config, start + 4 * HOUR).steps.every((s) => s.state === "stopped")).toBe(
      true,
    );
  });

  it("gives other incidents the default ladder's single 30m step", () => {
    const plan = escalationPlan(makeIncident({ startedAt: start }), config, start + 5 * HOUR);
    expect(plan.ladder).toBe("default");
    expect(plan.steps.map((s) => [s.key, s.dueAt - start, s.state])).toEqual([
      ["default:0", 30 * MINUTE, "due"],
    ]);
  });

  it.each([
    ["resolved", { state: "resolved", resolvedAt: start + 90 * MINUTE }],
    ["cancelled", { state: "cancelled", cancelledAt: start + 90 * MINUTE }],
    ["closed", { open: false, closedAt: start + 90 * MINUTE }],
  ] as const)("stops everything after the incident was %s", (_, end) => {
    const incident = makeIncident({ revenue: true, startedAt: start, ...end });
    expect(escalationPlan(incident, config, start + 5 * HOUR).steps.map((s) => s.state)).toEqual([
      "due",
      "stopped",
      "stopped",
    ]);
  });

  it("stops everything when the incident is over but no end moment is known", () => {
    const incident = makeIncident({ revenue: true, startedAt: start, state: "resolved" });
    expect(escalationPlan(incident, config, start + 5 * HOUR).steps.every((s) => s.state === "stopped")).toBe(
      true,
    );
  });

  it("ignores stale end moments on an incident that was reopened", () => {
    const incident = makeIncident({
      startedAt: start,
      state: "acknowledged",
      resolvedAt: start + 10 * MINUTE,
    });
    expect(escalationPlan(incident, config, start + HOUR).steps[0]?.state).toBe("due");
  });
});

describe("configured ladders", () => {
  const ladders = configSchema.parse({
    escalation: {
      ladders: [
        {
          name: "sev1",
          when: { severities: [1] },
          steps: [
            { after: "10m", notify: ["@acme/sre"] },
            { after: "1h", notify: ["vp-eng"] },
          ],
        },
        {
          name: "revenue",
          when: { revenue: true, no_workaround: true },
          steps: [{ after: "30m", notify: ["cto"] }],
        },
      ],
    },
  });

  it("chooses by the current severity, first match winning", () => {
    const sev1 = makeIncident({ severity: 1, revenue: true, startedAt: start });
    expect(escalationPlan(sev1, ladders, start).ladder).toBe("sev1");
    expect(escalationPlan({ ...sev1, severity: 2 }, ladders, start).ladder).toBe("revenue");
  });

  it("does not stop a ladder without no_workaround when a workaround exists", () => {
    const incident = makeIncident({ severity: 1, startedAt: start, mitigatedAt: start + 5 * MINUTE });
    expect(escalationPlan(incident, ladders, start + 2 * HOUR).steps.map((s) => s.state)).toEqual([
      "due",
      "due",
    ]);
  });

  it("has no plan when no ladder matches", () => {
    const incident = makeIncident({ severity: 3, revenue: false, startedAt: start });
    expect(escalationPlan(incident, ladders, start + 5 * HOUR)).toEqual({ steps: [] });
    expect(matchLadder(incident, ladders.escalation.ladders)).toBeUndefined();
  });
});
