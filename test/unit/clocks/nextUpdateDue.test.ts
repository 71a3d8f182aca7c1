import { describe, expect, it } from "vitest";

import { nextUpdateDue } from "../../../src/core/clocks/nextUpdateDue.js";
import { configSchema } from "../../../src/core/config/schema.js";
import { HOUR, makeIncident, MINUTE } from "./makeIncident.js";

const config = configSchema.parse({});
const declaredAt = Date.parse("2026-06-05T14:00:00Z");

describe("nextUpdateDue", () => {
  it.each([
    [1, 30 * MINUTE],
    [2, HOUR],
    [3, 4 * HOUR],
    [4, 24 * HOUR],
  ] as const)("counts sev%i's cadence from the declaration before any update", (severity, cadence) => {
    expect(nextUpdateDue(makeIncident({ severity, declaredAt }), config)).toEqual({
      dueAt: declaredAt + cadence,
      promised: false,
    });
  });

  it("counts from the latest update", () => {
    const incident = makeIncident({
      severity: 2,
      declaredAt,
      updates: [
        { at: declaredAt + 50 * MINUTE, by: "bob", text: "Rolling back" },
        { at: declaredAt + 20 * MINUTE, by: "bob", text: "Looking", nextDueAt: declaredAt + 25 * MINUTE },
      ],
    });
    expect(nextUpdateDue(incident, config)).toEqual({ dueAt: declaredAt + 110 * MINUTE, promised: false });
  });

  it("prefers what the latest update promised over the cadence", () => {
    const incident = makeIncident({
      severity: 4,
      declaredAt,
      updates: [
        { at: declaredAt + HOUR, by: "bob", text: "Rolled back", nextDueAt: declaredAt + 90 * MINUTE },
      ],
    });
    expect(nextUpdateDue(incident, config)).toEqual({ dueAt: declaredAt + 90 * MINUTE, promised: true });
  });

  it("uses the configured cadence", () => {
    const custom = configSchema.parse({ updates: { cadence: { "3": "45m" } } });
    expect(nextUpdateDue(makeIncident({ severity: 3, declaredAt }), custom)?.dueAt).toBe(
      declaredAt + 45 * MINUTE,
    );
  });

  it.each([
    { state: "resolved", resolvedAt: declaredAt + HOUR },
    { state: "postmortem", resolvedAt: declaredAt + HOUR },
    { state: "cancelled", cancelledAt: declaredAt + HOUR },
    { open: false, closedAt: declaredAt + HOUR },
  ] as const)("owes nothing once the incident is over (%o)", (end) => {
    expect(nextUpdateDue(makeIncident({ declaredAt, ...end }), config)).toBeUndefined();
  });

  it("still owes updates once mitigated", () => {
    const incident = makeIncident({ declaredAt, state: "mitigated", mitigatedAt: declaredAt + HOUR });
    expect(nextUpdateDue(incident, config)).toBeDefined();
  });
});
