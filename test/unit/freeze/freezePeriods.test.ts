import { describe, expect, it } from "vitest";
import { FreezePeriods } from "../../../src/core/freeze/freezePeriods.js";
import { at, config } from "./helpers.js";

const T = at("2026-03-02T14:00:00Z");
const MIN = 60_000;

describe("FreezePeriods", () => {
  it("opens a freeze while the incident is open, unsettled and of a freezing severity, and closes it when that stops", () => {
    const periods = new FreezePeriods(config({ incident_severities: [1, 2] }), T);
    periods.observe(T, { open: true, state: "declared", severity: 3 });
    periods.observe(T + MIN, { open: true, state: "declared", severity: 2 });
    periods.observe(T + 2 * MIN, { open: true, state: "acknowledged", severity: 1 });
    periods.observe(T + 3 * MIN, { open: true, state: "resolved", severity: 1 });
    // Moved back from resolved: a second freeze, closed when the issue is.
    periods.observe(T + 4 * MIN, { open: true, state: "mitigated", severity: 1 });
    periods.observe(T + 5 * MIN, { open: false, state: "mitigated", severity: 1 });
    expect(periods.periods).toEqual([
      { startedAt: T + MIN, endedAt: T + 3 * MIN },
      { startedAt: T + 4 * MIN, endedAt: T + 5 * MIN },
    ]);
  });

  it("starts no earlier than the declaration, and a freeze undone in the same instant never froze", () => {
    const periods = new FreezePeriods(config(), T);
    periods.observe(T - 5 * MIN, { open: true, state: "declared", severity: 1 });
    periods.observe(T, { open: true, state: "declared", severity: 3 });
    periods.observe(T + MIN, { open: true, state: "declared", severity: 1 });
    expect(periods.periods).toEqual([{ startedAt: T + MIN }]);
  });
});
