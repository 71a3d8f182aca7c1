import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, formBody, minutes } from "./support/world.js";
import type { Mode } from "./support/world.js";
import { comment, openIncident, SEV1 } from "./support/people.js";
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

describe.each<Mode>(["app", "action"])("a broken configuration (%s mode)", (mode) => {
  it("keeps paging on the last valid version from the file's history and says loudly that the new one is refused", async () => {
    world = await World.start({ mode, config: { oncall: { primary: "erin" } } });
    const w = world;
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { ".github/expedite.yml": "oncall:\n  primary: erin\nbusiness_hours:\n  timzone: UTC\n" },
      author: "dave",
    });
    await w.settle();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "Checkout down", Severity: SEV1, "Revenue affected": "Yes" }),
    );
    await w.settle();
    // Not paused: labels, the on-call engineer and the board are there, from the earlier version.
    expect(w.labels(number)).toEqual(
      expect.arrayContaining(["incident:declared", "sev:1", "impact:revenue"]),
    );
    expect(w.sim.issue(FULL, number)?.assignees).toEqual(["erin"]);
    expect(w.board(number)).toBeDefined();
    const refusal = w
      .botComments(number)
      .find((c) => c.body.startsWith("<!-- expedite:config-refused"))?.body;
    expect(refusal).toMatch(/refused the new `\.github\/expedite\.yml`/);
    expect(refusal).toMatch(/last valid version, from commit `[0-9a-f]{7}`/);
    expect(refusal).toContain("| `business_hours.timzone` (line 4) |");
    expect(refusal).toMatch(/did you mean `timzone` → `timezone`\?/);
    if (mode === "action") {
      const run = w.actionRuns.at(-1);
      expect(run?.code).not.toBe(0);
      expect(run?.stdout).toMatch(/::error::Refused \.github\/expedite\.yml/);
    } else {
      expect(w.logs.some((l) => l.includes("working from its last valid version"))).toBe(true);
    }

    // Fixed: the notice goes.
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { ".github/expedite.yml": "oncall:\n  primary: erin\nbusiness_hours:\n  timezone: UTC\n" },
      author: "dave",
    });
    await w.settle();
    await comment(w, "bob", number, "/ack");
    await w.settle();
    expect(w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:config-refused"))).toEqual(
      [],
    );
    expect(w.sim.validationErrors).toEqual([]);
  });
});
