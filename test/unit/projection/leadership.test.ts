import { describe, expect, it } from "vitest";
import { projectIncident } from "../../../src/core/projection/projectIncident.js";
import { planIncident } from "../../../src/core/plan/planIncident.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";
import type { IssueSnapshot, Permission, TimelineEvent } from "../../../src/core/snapshot.js";
import { BOTS, PERMISSIONS, T0, comment, config, issue, labeled } from "./fixtures.js";

// Issue 18, item 15: one rule for /ack, /lead, assignments and the on-call engineer (leadership.ts).

const ctx = {
  trustedBots: BOTS,
  permissions: new Map<string, Permission>([...PERMISSIONS, ["erin", "maintain"]]),
};
const onCall = config({ oncall: { primary: "erin" } });
const assignment = (type: "assigned" | "unassigned", actor: string, assignee: string, minutes: number) =>
  ({ type, at: T0 + minutes * 60_000, seq: minutes * 10 + 2, actor, assignee }) as TimelineEvent;

function plan(events: TimelineEvent[], snapshot: Partial<IssueSnapshot> = {}, cfg = onCall) {
  const projection = projectIncident(issue(snapshot), events, cfg, ctx);
  return {
    projection,
    plan: planIncident({
      issue: issue(snapshot),
      projection,
      config: cfg,
      now: T0 + 60 * 60_000,
      botComments: [],
      templates: bundledTemplates(),
    }),
  };
}

describe("who leads", () => {
  it("/ack acknowledges without taking the lead from the on-call engineer", () => {
    const { projection, plan: p } = plan(
      [labeled("alice", "incident", 0, 0), comment("bob", "/ack on it", 3)],
      {
        assignees: ["erin"],
      },
    );
    expect(projection.incident.lead).toBe("erin");
    expect(projection.incident.acknowledgedBy).toBe("bob");
    expect(p.assign).toEqual([]);
    expect(p.unassign).toEqual([]);
  });

  it("/lead hands over from the on-call engineer, who is unassigned", () => {
    const events = [labeled("alice", "incident", 0, 0), comment("alice", "/lead @bob", 4)];
    const { projection, plan: p } = plan(events, { assignees: ["erin"] });
    expect(projection.incident.lead).toBe("bob");
    expect(projection.incident.timeline.map((e) => e.text)).toContain("bob leads, taking over from erin");
    expect(p.assign).toEqual(["bob"]);
    expect(p.unassign).toEqual(["erin"]);
    // After the writes, nothing more.
    const settled = plan(events, { assignees: ["bob"] }).plan;
    expect(settled.assign).toEqual([]);
    expect(settled.unassign).toEqual([]);
  });

  it("refuses the on-call lead as communicator, as it refuses any lead", () => {
    const { projection } = plan([labeled("alice", "incident", 0, 0), comment("alice", "/comms @erin", 2)]);
    expect(projection.outcomes[0]?.result).toBe("refused");
    expect(projection.incident.comms).toBeUndefined();
  });

  it("a person who unassigns the on-call engineer is not overruled by the roster", () => {
    const events = [labeled("alice", "incident", 0, 0), assignment("unassigned", "alice", "erin", 2)];
    const { projection, plan: p } = plan(events, { assignees: [] });
    expect(projection.incident.lead).toBeUndefined();
    expect(p.assign).toEqual([]);
    // /ack now makes the sender lead: nobody leads.
    const acked = plan([...events, comment("bob", "/ack", 3)], { assignees: [] });
    expect(acked.projection.incident.lead).toBe("bob");
    expect(acked.plan.assign).toEqual(["bob"]);
  });

  it("an assignment by hand makes someone lead only when nobody leads", () => {
    const withOnCall = plan(
      [labeled("alice", "incident", 0, 0), assignment("assigned", "alice", "frank", 2)],
      {
        assignees: ["erin", "frank"],
      },
    );
    expect(withOnCall.projection.incident.lead).toBe("erin");
    expect(withOnCall.plan.unassign).toEqual([]);
    const without = plan(
      [labeled("alice", "incident", 0, 0), assignment("assigned", "alice", "frank", 2)],
      { assignees: ["frank"] },
      config(),
    );
    expect(without.projection.incident.lead).toBe("frank");
  });

  it("a minor incident waiting for the office: whoever acknowledges at night leads", () => {
    // Saturday 23:00 in New York; SEV4, revenue not affected.
    const saturday = Date.parse("2026-11-22T04:00:00Z");
    const body = "### Severity\n\nSEV4\n\n### Revenue affected\n\nNo";
    const ackAt = saturday + 10 * 60_000;
    const ack = comment("bob", "/ack looking now anyway", 0);
    const events: TimelineEvent[] = [
      { type: "labeled", at: saturday, seq: 0, actor: "alice", label: "incident" },
      ack.type === "commented"
        ? { ...ack, at: ackAt, comment: { ...ack.comment, createdAt: ackAt, updatedAt: ackAt } }
        : ack,
    ];
    const projection = projectIncident(issue({ body, createdAt: saturday }), events, onCall, ctx);
    expect(projection.incident.lead).toBe("bob");
    expect(projection.leadFromRoster).toBe(false);
    // Without the night /ack, the on-call engineer would lead from the office opening.
    const waiting = projectIncident(issue({ body, createdAt: saturday }), events.slice(0, 1), onCall, ctx);
    expect(waiting.incident.lead).toBe("erin");
    expect(waiting.leadFromRoster).toBe(true);
  });
});
