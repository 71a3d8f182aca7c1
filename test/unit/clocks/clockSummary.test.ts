import { describe, expect, it } from "vitest";

import { clockSummary } from "../../../src/core/clocks/clockSummary.js";
import { stepsCoveredBy } from "../../../src/core/clocks/stepsCoveredBy.js";
import { configSchema } from "../../../src/core/config/schema.js";
import type { PostedNotice } from "../../../src/core/types.js";
import { HOUR, makeIncident, MINUTE } from "./makeIncident.js";
import { PLAYBOOK_LADDERS } from "./playbookLadders.js";

const config = configSchema.parse({ escalation: { ladders: PLAYBOOK_LADDERS } });
const start = Date.parse("2026-06-05T14:00:00Z"); // Friday 10:00 EDT

describe("stepsCoveredBy", () => {
  it("lists the steps carried out, oldest first, from the first valid notice", () => {
    const notices: PostedNotice[] = [
      { kind: "escalation", keys: ["revenue:1"], at: start + 2 * HOUR + MINUTE, commentId: 11 },
      { kind: "escalation", keys: ["revenue:0"], at: start + 31 * MINUTE, commentId: 10 },
      // A repeat of step 0 later on does not move when it was first carried out.
      { kind: "escalation", keys: ["revenue:0"], at: start + 3 * HOUR, commentId: 12 },
    ];
    const incident = makeIncident({ startedAt: start, declaredAt: start, revenue: true, notices });
    expect(stepsCoveredBy(incident, config).map((s) => [s.key, s.notify, s.postedAt, s.commentId])).toEqual([
      ["revenue:0", ["@tech-leads"], start + 31 * MINUTE, 10],
      ["revenue:1", ["@cto"], start + 2 * HOUR + MINUTE, 11],
    ]);
  });

  it("keeps history from a ladder the incident no longer matches", () => {
    const notices: PostedNotice[] = [
      { kind: "escalation", keys: ["default:0"], at: start + 30 * MINUTE, commentId: 10 },
    ];
    const incident = makeIncident({ startedAt: start, revenue: true, notices });
    expect(stepsCoveredBy(incident, config).map((s) => s.key)).toEqual(["default:0"]);
  });

  it("ignores claims made too early, unknown keys and other kinds", () => {
    const notices: PostedNotice[] = [
      {
        kind: "escalation",
        keys: ["revenue:0", "revenue:1", "revenue:7", "nope:0", "junk"],
        at: start + 31 * MINUTE,
        commentId: 10,
      },
      { kind: "reminder", keys: ["revenue:2"], at: start + 4 * HOUR, commentId: 11 },
    ];
    const incident = makeIncident({ startedAt: start, revenue: true, notices });
    expect(stepsCoveredBy(incident, config).map((s) => s.key)).toEqual(["revenue:0"]);
  });
});

describe("clockSummary", () => {
  it("shows a fresh incident's deadlines ahead", () => {
    const incident = makeIncident({ declaredAt: start, startedAt: start, revenue: true, severity: 2 });
    const summary = clockSummary(incident, config, start + 5 * MINUTE);
    expect(summary.acknowledge).toEqual({
      dueAt: start + 15 * MINUTE,
      businessHours: true,
      allowanceMs: 15 * MINUTE,
      status: "due",
    });
    expect(summary.escalation.ladder).toBe("revenue");
    expect(summary.escalation.next).toMatchObject({ key: "revenue:0", dueAt: start + 30 * MINUTE });
    expect(summary.escalation.escalated).toEqual([]);
    expect(summary.update).toEqual({ dueAt: start + HOUR, promised: false, overdue: false });
  });

  it("reports a missed acknowledgement, the next step and an overdue update", () => {
    const incident = makeIncident({
      declaredAt: start,
      startedAt: start,
      revenue: true,
      severity: 1,
      notices: [{ kind: "escalation", keys: ["revenue:0"], at: start + 31 * MINUTE, commentId: 1 }],
    });
    const summary = clockSummary(incident, config, start + 40 * MINUTE);
    expect(summary.acknowledge.status).toBe("breached");
    expect(summary.acknowledge.acknowledgedAt).toBeUndefined();
    expect(summary.escalation.next?.key).toBe("revenue:1");
    expect(summary.escalation.escalated.map((s) => [s.key, s.postedAt])).toEqual([
      ["revenue:0", start + 31 * MINUTE],
    ]);
    expect(summary.update).toMatchObject({ dueAt: start + 30 * MINUTE, overdue: true });
  });

  it("tells an acknowledgement in time from a late one", () => {
    const onTime = makeIncident({
      declaredAt: start,
      state: "acknowledged",
      acknowledgedAt: start + 15 * MINUTE,
    });
    expect(clockSummary(onTime, config, start + HOUR).acknowledge).toMatchObject({
      status: "met",
      acknowledgedAt: start + 15 * MINUTE,
    });
    const late = { ...onTime, acknowledgedAt: start + 16 * MINUTE };
    expect(clockSummary(late, config, start + HOUR).acknowledge.status).toBe("breached");
  });

  it("has no next step and no update due once resolved", () => {
    const incident = makeIncident({
      declaredAt: start,
      startedAt: start,
      revenue: true,
      state: "resolved",
      acknowledgedAt: start + MINUTE,
      resolvedAt: start + 50 * MINUTE,
    });
    const summary = clockSummary(incident, config, start + 5 * HOUR);
    expect(summary.escalation.next).toBeUndefined();
    expect(summary.escalation.steps.map((s) => s.state)).toEqual(["due", "stopped", "stopped"]);
    expect(summary.update).toBeUndefined();
  });
});
