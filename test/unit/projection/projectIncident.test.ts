import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { projectIncident } from "../../../src/core/projection/projectIncident.js";
import { planIncident } from "../../../src/core/plan/planIncident.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";
import { renderBoard } from "../../../src/core/board/renderBoard.js";
import { BOTS, PERMISSIONS, T0, comment, config, issue, labeled } from "./fixtures.js";

const ctx = { trustedBots: BOTS, permissions: PERMISSIONS };
const cfg = config();

function lifecycle() {
  return [
    labeled("alice", "incident", 0, 0),
    comment("bob", "/ack on it", 3),
    comment("alice", "/comms @dave", 5),
    comment("bob", "/update Payments provider returns 502s; failing over next 30m", 8),
    comment("bob", "/role investigator @alice\n/role fixer @bob", 9),
    comment("bob", "/mitigate Switched card traffic to the backup provider", 40),
    comment(
      "bob",
      "/resolve Provider fixed their TLS certificate rotation; traffic moved back and error rate is normal",
      90,
    ),
  ];
}

describe("projectIncident", () => {
  it("follows a whole lifecycle: state, roles, clocks, journal", () => {
    const { incident, outcomes } = projectIncident(issue(), lifecycle(), cfg, ctx);
    expect(incident.state).toBe("resolved");
    expect(incident.severity).toBe(1);
    expect(incident.revenue).toBe(true);
    expect(incident.lead).toBe("bob");
    expect(incident.comms).toBe("dave");
    expect(incident.roles).toEqual({ investigator: ["alice"], fixer: ["bob"] });
    expect(incident.acknowledgedAt).toBe(T0 + 3 * 60_000);
    expect(incident.mitigatedAt).toBe(T0 + 40 * 60_000);
    expect(incident.resolvedAt).toBe(T0 + 90 * 60_000);
    expect(incident.updates[0]?.nextDueAt).toBe(T0 + 38 * 60_000);
    expect(incident.workaround?.text).toMatch(/backup provider/);
    expect(incident.form.applications).toBe("checkout-web, payments-api");
    expect(outcomes.every((o) => o.result === "applied")).toBe(true);
  });

  it("refuses commands from people below the configured role, and changes nothing", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      comment("carol", "/resolve We restarted the cache cluster and errors stopped", 5),
    ];
    const { incident, outcomes } = projectIncident(issue(), events, cfg, ctx);
    expect(incident.state).toBe("declared");
    expect(incident.resolution).toBeUndefined();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ result: "refused", actor: "carol" });
    expect(outcomes[0]?.reason).toMatch(/triage/);
  });

  it("ignores markers and commands posted by a person pretending to be the bot", () => {
    const fake = comment(
      "carol",
      "<!-- expedite:notice type=escalation keys=revenue:0,revenue:1,revenue:2 -->\nfake",
      1,
    );
    const { incident } = projectIncident(issue(), [labeled("alice", "incident", 0, 0), fake], cfg, ctx);
    expect(incident.notices).toEqual([]);
  });

  it("accepts a hand-applied state label, keeps it, and flags the missing resolution", () => {
    const events = [labeled("alice", "incident", 0, 0), labeled("alice", "incident:resolved", 20)];
    const projection = projectIncident(issue(), events, cfg, ctx);
    expect(projection.incident.state).toBe("resolved");
    expect(projection.stateSetBy).toBe("alice");
    expect(projection.incident.gaps.map((g) => g.kind)).toContain("resolved-without-resolution");
  });

  it("the newest state label a person adds wins", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      labeled("bob", "incident:mitigated", 10),
      labeled("alice", "incident:acknowledged", 12),
    ];
    expect(projectIncident(issue(), events, cfg, ctx).incident.state).toBe("acknowledged");
  });

  it("keeps the communicator independent of the lead unless configured otherwise", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      comment("bob", "/ack", 1),
      comment("bob", "/comms me", 2),
    ];
    const refused = projectIncident(issue(), events, cfg, ctx);
    expect(refused.incident.comms).toBeUndefined();
    expect(refused.outcomes.at(-1)?.result).toBe("refused");
    const allowed = projectIncident(issue(), events, config({ roles: { allow_lead_as_comms: true } }), ctx);
    expect(allowed.incident.comms).toBe("bob");
  });

  it("the same events in any order give the same incident and the same board", () => {
    const events = lifecycle();
    const reference = projectIncident(issue(), events, cfg, ctx);
    const board = renderBoard(bundledTemplates().board, reference.incident, cfg, T0 + 100 * 60_000);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        (shuffled) => {
          const again = projectIncident(issue(), shuffled, cfg, ctx);
          expect(again.incident).toEqual(reference.incident);
          expect(renderBoard(bundledTemplates().board, again.incident, cfg, T0 + 100 * 60_000)).toBe(board);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it("duplicated events change nothing", () => {
    const events = lifecycle();
    const reference = projectIncident(issue(), events, cfg, ctx);
    const doubled = projectIncident(issue(), [...events, ...events], cfg, ctx);
    expect(doubled.incident.state).toBe(reference.incident.state);
    expect(doubled.incident.lead).toBe(reference.incident.lead);
  });

  it("plans nothing once the desired state is in place", () => {
    const events = lifecycle();
    const templates = bundledTemplates();
    const projection = projectIncident(issue(), events, cfg, ctx);
    const now = T0 + 100 * 60_000;
    const first = planIncident({ issue: issue(), projection, config: cfg, now, botComments: [], templates });
    expect(first.labels.add.sort()).toEqual(["impact:revenue", "incident:resolved", "sev:1"]);
    // Apply the plan by hand: labels, assignee and the bot's comments.
    const applied = issue({ labels: ["incident", ...first.labels.add], assignees: first.assign });
    const botComments = first.comments.map((c, i) => ({
      id: 5000 + i,
      identity: c.identity,
      marker: { kind: c.identity.split(":")[0] ?? "", data: {} },
      body: c.body,
      at: now,
      updatedAt: now,
    }));
    const second = planIncident({ issue: applied, projection, config: cfg, now, botComments, templates });
    expect(second.labels).toEqual({ add: [], remove: [] });
    expect(second.assign).toEqual([]);
    expect(second.comments).toEqual([]);
    expect(second.deleteComments).toEqual([]);
  });
});

describe("projectIncident: the other commands", () => {
  it("/sev, /impact, /lead, /role, /note, /deviation and /started change what they say", () => {
    const events = [
      labeled("alice", "incident", 30, 0),
      comment("bob", "/sev 2\n/impact none\n/lead @alice\n/role tester @frank", 31),
      comment("bob", "/note customers on iOS only\n/deviation skipped the canary to ship the fix faster", 32),
      comment("bob", "/started 2026-11-20 10:05", 33),
    ];
    const { incident, outcomes } = projectIncident(issue(), events, cfg, ctx);
    expect(outcomes.map((o) => o.result)).toEqual(Array(7).fill("applied"));
    expect(incident.severity).toBe(2);
    expect(incident.revenue).toBe(false);
    expect(incident.lead).toBe("alice");
    expect(incident.roles).toEqual({ tester: ["frank"] });
    expect(incident.notes.map((n) => n.text)).toEqual(["customers on iOS only"]);
    expect(incident.deviations.map((d) => d.text)).toEqual(["skipped the canary to ship the fix faster"]);
    expect(incident.startedAt).toBe(Date.parse("2026-11-20T15:05:00Z"));
    expect(incident.timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(["severity", "impact", "role", "note", "deviation", "started"]),
    );
  });

  it("/cancel ends a false alarm; /ack after it is refused", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      comment("bob", "/cancel the alert was a test of the monitoring", 2),
      comment("bob", "/ack", 3),
    ];
    const projection = projectIncident(issue(), events, cfg, ctx);
    expect(projection.incident.state).toBe("cancelled");
    expect(projection.incident.cancelReason?.text).toMatch(/test of the monitoring/);
    expect(projection.outcomes.at(-1)).toMatchObject({ result: "refused" });
    const plan = planIncident({
      issue: issue(),
      projection,
      config: cfg,
      now: T0 + 5 * 60_000,
      botComments: [],
      templates: bundledTemplates(),
    });
    expect(plan.close).toBe("not_planned");
    expect(plan.labels.add).toContain("incident:cancelled");
  });

  it("/help is answered with the command list, and unknown commands get a suggestion", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      comment("carol", "/help", 1),
      comment("bob", "/resovle the cache was full", 2),
    ];
    const projection = projectIncident(issue(), events, cfg, ctx);
    expect(projection.outcomes.map((o) => o.result)).toEqual(["help", "refused"]);
    const plan = planIncident({
      issue: issue(),
      projection,
      config: cfg,
      now: T0 + 5 * 60_000,
      botComments: [],
      templates: bundledTemplates(),
    });
    const replies = plan.comments.filter((c) => c.identity.startsWith("reply:"));
    expect(replies).toHaveLength(2);
    expect(replies[0]?.body).toMatch(/\/mitigate/);
    expect(replies[1]?.body).toMatch(/\/resolve/);
  });

  it("an edited comment is read as it is now, and its commands are not applied twice", () => {
    const original = comment("bob", "/update first text", 2);
    const edited = {
      ...original,
      comment: {
        ...(original as Extract<typeof original, { type: "commented" }>).comment,
        body: "/update corrected text",
        updatedAt: T0 + 9 * 60_000,
      },
    };
    const { incident } = projectIncident(issue(), [labeled("alice", "incident", 0, 0), edited], cfg, ctx);
    expect(incident.updates.map((u) => u.text)).toEqual(["corrected text"]);
  });
});

describe("an incident closed before it was resolved", () => {
  it("is flagged once, without reopening it", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      comment("bob", "/ack", 1),
      { type: "closed" as const, at: T0 + 20 * 60_000, seq: 999, actor: "dave" },
    ];
    const closed = issue({
      state: "closed",
      closedAt: T0 + 20 * 60_000,
      labels: ["incident", "incident:acknowledged", "sev:1"],
    });
    const projection = projectIncident(closed, events, cfg, ctx);
    expect(projection.incident.gaps.map((g) => g.kind)).toContain("closed-unresolved");
    const plan = planIncident({
      issue: closed,
      projection,
      config: cfg,
      now: T0 + 21 * 60_000,
      botComments: [],
      templates: bundledTemplates(),
    });
    expect(plan.comments.filter((c) => c.identity === "gap:kind=closed-unresolved")).toHaveLength(1);
    expect(plan.close).toBeUndefined();
  });
});
