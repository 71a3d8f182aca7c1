import { describe, expect, it } from "vitest";
import { freezeHistory, freezeHoldOf, holdActors } from "../../../src/core/freeze/freezeHold.js";
import type { FreezeStep } from "../../../src/core/freeze/freezeHold.js";
import type { Permission } from "../../../src/core/snapshot.js";

const roles = new Map<string, Permission>([
  ["bob", "triage"],
  ["alice", "write"],
]);
const step = (actor: string, freezingAfter: boolean, extra: Partial<FreezeStep> = {}): FreezeStep => ({
  at: 1,
  actor,
  change: "closed the issue",
  freezingAfter,
  byHand: true,
  ...extra,
});

describe("freezeHoldOf", () => {
  it("holds a freeze lifted by hand by someone below the needed role, naming them", () => {
    const hold = freezeHoldOf([step("bob", false)], true, roles, "write");
    expect(hold).toMatchObject({ by: "bob", role: "triage", needed: "write", change: "closed the issue" });
  });

  it("lets someone with the role lift it, by hand or by confirming a held lift", () => {
    expect(freezeHoldOf([step("alice", false)], true, roles, "write")).toBeUndefined();
    expect(freezeHoldOf([step("bob", false), step("alice", false)], true, roles, "write")).toBeUndefined();
  });

  it("counts commands and the bot's own changes as they are (they were judged where they were made)", () => {
    expect(
      freezeHoldOf([step("bob", false), step("bob", false, { byHand: false })], true, roles, "write"),
    ).toBeUndefined();
  });

  it("ends a hold when the freeze comes back, and only a permitted removal of the hold label releases it", () => {
    expect(freezeHoldOf([step("bob", false), step("bob", true)], true, roles, "write")).toBeUndefined();
    const release = (actor: string) => step(actor, false, { releasesHold: true });
    expect(freezeHoldOf([step("bob", false), release("bob")], true, roles, "write")?.by).toBe("bob");
    expect(freezeHoldOf([step("bob", false), release("alice")], true, roles, "write")).toBeUndefined();
  });

  it("never starts a hold where nothing was frozen", () => {
    expect(freezeHoldOf([step("bob", false)], false, roles, "write")).toBeUndefined();
    expect(holdActors([step("bob", false)], false)).toEqual([]);
  });

  it("asks for the roles of the lifter and of those who may confirm after, nobody else", () => {
    const steps = [step("carol", true), step("bob", false), step("alice", false), step("erin", true)];
    expect(holdActors(steps, false)).toEqual(["bob", "alice"]);
  });
});

describe("freezeHistory", () => {
  const at = (minute: number, actor: string, freezingAfter: boolean, extra: Partial<FreezeStep> = {}) =>
    step(actor, freezingAfter, { at: minute * 60_000, ...extra });

  it("gives one span per freeze, a held lift going on until someone who may lifts it", () => {
    const { periods, hold } = freezeHistory(
      [
        at(0, "alice", true),
        at(5, "alice", false),
        at(10, "alice", true),
        at(15, "bob", false),
        at(20, "alice", false),
      ],
      false,
      roles,
      "write",
      0,
    );
    expect(hold).toBeUndefined();
    expect(periods).toEqual([
      { startedAt: 0, endedAt: 5 * 60_000 },
      { startedAt: 10 * 60_000, endedAt: 20 * 60_000 },
    ]);
  });

  it("starts at `from` when freezing from the start, leaves out a freeze undone in the same instant, and keeps the last one open", () => {
    const { periods } = freezeHistory(
      [at(1, "alice", false), at(2, "alice", true), at(2, "alice", false), at(3, "alice", true)],
      true,
      roles,
      "write",
      30_000,
    );
    expect(periods).toEqual([{ startedAt: 30_000, endedAt: 60_000 }, { startedAt: 3 * 60_000 }]);
  });
});
