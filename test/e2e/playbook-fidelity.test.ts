import { afterEach, describe, expect, it } from "vitest";
import { World, formBody, minutes } from "./support/world.js";
import type { Mode } from "./support/world.js";
import { openIncident, SEV1 } from "./support/people.js";
import { PLAYBOOK_LADDERS } from "../unit/clocks/playbookLadders.js";

// Issue 18: where Expedite contradicted a playbook, checked end to end in both modes.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const notices = (w: World, number: number, type: string) =>
  w.botComments(number).filter((c) => c.body.startsWith(`<!-- expedite:notice type=${type}`));

describe.each<Mode>(["app", "action"])("playbook fidelity (%s mode)", (mode) => {
  it("counts escalation from the report, not from a backdated start, and says how long it really ran", async () => {
    world = await World.start({
      mode,
      config: { escalation: { ladders: PLAYBOOK_LADDERS }, oncall: { primary: "erin" } },
    });
    const w = world;
    const reported = w.clock.now();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({
        Summary: "Checkout down",
        Severity: SEV1,
        "Revenue affected": "Yes",
        "When did it start?": "2h ago",
      }),
    );
    await w.settle();
    await w.sweep();
    // Declared two hours after the problem began: no step is due at the moment of declaration.
    expect(notices(w, number, "escalation")).toHaveLength(0);
    w.clock.set(reported + minutes(29));
    await w.sweep();
    expect(notices(w, number, "escalation")).toHaveLength(0);
    w.clock.set(reported + minutes(31));
    await w.sweep();
    const posted = notices(w, number, "escalation");
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatch(/@tech-leads/);
    expect(posted[0]?.body).not.toMatch(/@cto/);
    expect(posted[0]?.body).toMatch(/has run for 2h 31m \(reported 31m ago\)/);
    expect(posted[0]?.body).toMatch(/after 30m from the report/);
    expect(w.sim.validationErrors).toEqual([]);
  });
});
