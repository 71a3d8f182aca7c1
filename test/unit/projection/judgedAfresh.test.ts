import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../../../src/core/snapshot.js";
import { projectIncident } from "../../../src/core/projection/projectIncident.js";
import { commandComments } from "../../../src/core/projection/commandComments.js";
import { rolesToLookUp } from "../../../src/core/plan/rolesToLookUp.js";
import { emptyLedger, ledgerData, readLedger } from "../../../src/core/plan/commandLedger.js";
import { parseMarker, renderMarker } from "../../../src/core/markers.js";
import { BOTS, PERMISSIONS, T0, comment, config, issue, labeled } from "./fixtures.js";

function edited(event: TimelineEvent, body: string, minutes: number): TimelineEvent {
  if (event.type !== "commented") throw new Error("not a comment");
  return { ...event, comment: { ...event.comment, body, updatedAt: T0 + minutes * 60_000 } };
}

function boardWith(data: Record<string, string>) {
  const body = renderMarker("board", data);
  return { id: 1, identity: "board", marker: parseMarker(body)!, body, at: T0, updatedAt: T0 };
}

describe("commands judged afresh", () => {
  it("an edited comment counts with at most write when the config asks for more", () => {
    const cfg = config({ commands: { permission: "maintain" } });
    const events = [labeled("alice", "incident", 0, 0), edited(comment("dave", "/note x", 1), "/ack", 5)];
    const { incident, outcomes } = projectIncident(issue(), events, cfg, {
      trustedBots: BOTS,
      permissions: PERMISSIONS,
    });
    expect(incident.state).toBe("declared");
    expect(outcomes[0]).toMatchObject({ result: "refused", permission: true });
    expect(outcomes[0]?.reason).toMatch(/edited after it was posted/);
  });

  it("believes roles remembered on the board only up to write, and only for text it already saw", () => {
    const cfg = config();
    const old = comment("carol", "/ack", 1);
    const events = [labeled("alice", "incident", 0, 0), old, comment("bob", "/lead @frank", 9)];
    // Someone with write access edited the board to say carol is an admin.
    const forged = readLedger(boardWith({ seen: (T0 / 1000 + 300).toString(36), perms: "carol.a~bob.t" }));
    const needed = rolesToLookUp(commandComments(events, BOTS, cfg), forged, cfg);
    expect(needed.known.get("carol")).toBe("write");
    // bob's comment and the person it names are newer than the board: looked up again.
    expect(needed.lookUp.sort()).toEqual(["bob", "frank"]);
  });

  it("asks GitHub every time for authors when the config needs more than write", () => {
    const cfg = config({ commands: { permission: "admin" } });
    const events = [labeled("alice", "incident", 0, 0), comment("dave", "/ack", 1)];
    const ledger = readLedger(boardWith({ seen: (T0 / 1000 + 3600).toString(36), perms: "dave.a" }));
    expect(rolesToLookUp(commandComments(events, BOTS, cfg), ledger, cfg).lookUp).toEqual(["dave"]);
  });

  it("gives a role only to someone who can see the repository", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      comment("bob", "/comms @outsider\n/role investigator @ghost\n/lead @frank", 1),
    ];
    const permissions = new Map([...PERMISSIONS, ["outsider", "none" as const]]);
    const { incident, outcomes } = projectIncident(issue(), events, config(), {
      trustedBots: BOTS,
      permissions,
    });
    expect(outcomes.map((o) => o.result)).toEqual(["refused", "refused", "applied"]);
    expect(outcomes[0]?.reason).toMatch(/`@outsider` cannot see this repository/);
    expect(incident.comms).toBeUndefined();
    expect(incident.roles.investigator ?? []).toEqual([]);
    expect(incident.lead).toBe("frank");
  });

  it("round-trips the ledger through the board's marker", () => {
    const events = [labeled("alice", "incident", 0, 0), comment("bob", "/ack\n/comms @dave", 1)];
    const { ledger } = projectIncident(issue(), events, config(), {
      trustedBots: BOTS,
      permissions: PERMISSIONS,
      ledger: emptyLedger(),
    });
    const again = readLedger(boardWith(ledgerData(ledger)));
    expect(again).toEqual(ledger);
    expect([...again.comments.values()][0]?.verbs).toEqual(["ack", "comms"]);
  });
});
