import { describe, expect, it } from "vitest";
import { projectIncident } from "../../../src/core/projection/projectIncident.js";
import { emptyLedger } from "../../../src/core/plan/commandLedger.js";
import { BOTS, PERMISSIONS, T0, config, issue, labeled } from "./fixtures.js";

const cfg = config();
const events = [
  labeled("alice", "incident", 0, 0),
  labeled("expedite[bot]", "freeze-held", 10),
  labeled("alice", "freeze-held", 20, 201, "unlabeled"),
];
const project = (ledger = emptyLedger(), labels = ["incident"]) =>
  projectIncident(issue({ labels }), events, cfg, { trustedBots: BOTS, permissions: PERMISSIONS, ledger });

describe("whether a reconcile must look for hold records to close", () => {
  it("looks once after a person took the hold label off, and the board then remembers it looked", () => {
    const first = project();
    expect(first.holdRecordsMayRemain).toBe(true);
    expect(first.ledger.holdLabelOff).toBe(T0 + 20 * 60_000);
    // The next reconcile reads that ledger back from the board it wrote: nothing left to look for.
    expect(project(first.ledger).holdRecordsMayRemain).toBe(false);
  });

  it("looks again when the label is taken off later, and always while the label is on", () => {
    const older = { ...emptyLedger(), holdLabelOff: T0 + 5 * 60_000 };
    expect(project(older).holdRecordsMayRemain).toBe(true);
    const looked = { ...emptyLedger(), holdLabelOff: T0 + 20 * 60_000 };
    expect(project(looked, ["incident", "freeze-held"]).holdRecordsMayRemain).toBe(true);
  });
});
