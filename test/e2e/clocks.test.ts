import { afterEach, describe, expect, it } from "vitest";
import { World, formBody, minutes, comment, openIncident, SEV1, SEV3 } from "../harness/index.js";
import type { Mode } from "../harness/index.js";
import { PLAYBOOK_LADDERS } from "../unit/clocks/playbookLadders.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CONFIG = {
  escalation: { ladders: PLAYBOOK_LADDERS },
  acknowledge: { notify: ["@acme/incident-managers"] },
  oncall: { primary: "erin", secondary: "frank" },
  severity: { postmortem: [] },
};
const REVENUE_FORM = formBody({ Summary: "Checkout down", Severity: SEV1, "Revenue affected": "Yes" });

const notices = (w: World, number: number, type?: string) =>
  w.botComments(number).filter((c) => c.body.startsWith(`<!-- expedite:notice type=${type ?? ""}`));

/** Moves the clock to `at` minutes after the start and runs the scheduled reconcile (twice, to prove once-only). */
async function sweepAt(w: World, start: number, at: number): Promise<void> {
  w.clock.set(start + minutes(at));
  await w.sweep();
  await w.sweep();
}

describe.each<Mode>(["app", "action"])("clocks (%s mode)", (mode) => {
  it("escalates a revenue incident with no workaround at 30 min, 2 h and 3 h, once each, after an acknowledgement breach at 15 min", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const start = w.clock.now();
    const number = await openIncident(w, "alice", "[Incident] Checkout down", REVENUE_FORM);
    await w.settle();
    // The roster's primary leads until someone takes over, and is told so once.
    expect(w.sim.issue("acme/shop", number)?.assignees).toEqual(["erin"]);
    expect(notices(w, number, "oncall")).toHaveLength(1);

    await sweepAt(w, start, 14);
    expect(notices(w, number, "ack-breach")).toHaveLength(0);
    await sweepAt(w, start, 16);
    const breach = notices(w, number, "ack-breach");
    expect(breach).toHaveLength(1);
    expect(breach[0]?.body).toMatch(/@erin/);
    expect(breach[0]?.body).toMatch(/@acme\/incident-managers/);
    expect(w.board(number)).toMatch(/breached/);

    await sweepAt(w, start, 29);
    expect(notices(w, number, "escalation")).toHaveLength(0);
    await sweepAt(w, start, 31);
    expect(notices(w, number, "escalation")).toHaveLength(1);
    expect(notices(w, number, "escalation")[0]?.body).toMatch(/@tech-leads/);
    await sweepAt(w, start, 121);
    expect(notices(w, number, "escalation")).toHaveLength(2);
    expect(notices(w, number, "escalation")[1]?.body).toMatch(/@cto/);
    await sweepAt(w, start, 181);
    const all = notices(w, number, "escalation");
    expect(all).toHaveLength(3);
    expect(all[2]?.body).toMatch(/@ceo/);
    await sweepAt(w, start, 240);
    expect(notices(w, number, "escalation")).toHaveLength(3);
    expect(notices(w, number, "ack-breach")).toHaveLength(1);
    expect(w.board(number)).toMatch(/🔔 notified.*\n.*🔔 notified.*\n.*🔔 notified/);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("a workaround before 2 h stops the ladder; a missed sweep gives one notice, never a burst", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const start = w.clock.now();
    const number = await openIncident(w, "alice", "[Incident] Payments slow", REVENUE_FORM);
    await w.settle();
    w.clock.set(start + minutes(5));
    await comment(w, "bob", number, "/ack");
    await w.settle();
    // No sweep ran between 30 min and 1 h 50: the first sweep after that sends one notice.
    w.clock.set(start + minutes(110));
    await comment(w, "bob", number, "/mitigate Switched traffic to the secondary region");
    await w.settle();
    expect(notices(w, number, "escalation")).toHaveLength(1);
    await sweepAt(w, start, 125);
    await sweepAt(w, start, 185);
    expect(notices(w, number, "escalation")).toHaveLength(1);
    expect(notices(w, number, "ack-breach")).toHaveLength(0);
    expect(w.board(number)).toMatch(/stopped/);

    // Missed sweeps: a second incident first looked at 3 h 10 in gets one notice naming all three steps.
    const second = await openIncident(w, "alice", "[Incident] Basket empty", REVENUE_FORM);
    const secondStart = w.clock.now();
    await w.settle();
    w.clock.set(secondStart + minutes(190));
    await w.sweep();
    const burst = notices(w, second, "escalation");
    expect(burst).toHaveLength(1);
    expect(burst[0]?.body).toMatch(/@tech-leads/);
    expect(burst[0]?.body).toMatch(/@cto/);
    expect(burst[0]?.body).toMatch(/@ceo/);
  });

  it("outside business hours the acknowledgement deadline is 60 minutes", async () => {
    // Saturday 2026-11-21 10:00 in New York.
    world = await World.start({ mode, config: CONFIG, start: "2026-11-21T15:00:00Z" });
    const w = world;
    const start = w.clock.now();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Reports page blank",
      formBody({ Summary: "Blank", Severity: SEV3 }),
    );
    await w.settle();
    await sweepAt(w, start, 30);
    expect(notices(w, number, "ack-breach")).toHaveLength(0);
    await sweepAt(w, start, 61);
    expect(notices(w, number, "ack-breach")).toHaveLength(1);
    expect(notices(w, number, "ack-breach")[0]?.body).toMatch(/outside business hours/);
  });

  it("an overdue promised update gets exactly one reminder naming the communicator", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const start = w.clock.now();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Emails delayed",
      formBody({ Summary: "Queue backlog", Severity: SEV3 }),
    );
    await w.settle();
    w.clock.set(start + minutes(2));
    await comment(w, "bob", number, "/ack\n/comms @dave\n/update Queue is draining slowly next 30m");
    await w.settle();
    await sweepAt(w, start, 31);
    expect(notices(w, number, "reminder")).toHaveLength(0);
    await sweepAt(w, start, 33);
    await sweepAt(w, start, 40);
    const reminders = notices(w, number, "reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body).toMatch(/@dave/);
    expect(w.board(number)).toMatch(/overdue/);
  });
});

describe("two reconcilers at the same moment (App replicas)", () => {
  it("leave exactly one notice per step once the next reconcile has run", async () => {
    world = await World.start({ mode: "app", config: CONFIG });
    const w = world;
    const start = w.clock.now();
    const number = await openIncident(w, "alice", "[Incident] Checkout down", REVENUE_FORM);
    await w.settle();
    const replica = await w.replica();
    w.clock.set(start + minutes(31));
    await Promise.all([w.app!.expedite.sweepAll(), replica.expedite.sweepAll()]);
    await w.settle();
    await w.sweep();
    const escalations = notices(w, number, "escalation");
    expect(escalations).toHaveLength(1);
    expect(notices(w, number, "ack-breach")).toHaveLength(1);
    const boards = w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:board"));
    expect(boards).toHaveLength(1);
  });
});
