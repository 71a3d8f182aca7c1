// Who may steer a code freeze, and on what evidence: labels set by hand, edited grants, the commit a
// grant was given for, and what counts as an incident's hotfix. Every case runs in App and Action mode.
import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, formBody, minutes } from "./support/world.js";
import type { Mode } from "./support/world.js";
import { addLabel, comment, openIncident, removeLabel, SEV2 } from "./support/people.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CONFIG = {
  oncall: { primary: "erin" },
  freeze: { approvers: ["dave"] },
  severity: { postmortem: [] },
};

async function openPull(w: World, who: string, branch: string, title: string, body = ""): Promise<number> {
  w.sim.pushCommit({
    repo: FULL,
    branch,
    files: { [`src/${branch}.ts`]: `export const x = "${branch}";\n` },
    author: who,
  });
  const { data } = await w
    .as(who)
    .rest.pulls.create({ owner: "acme", repo: "shop", head: branch, base: "main", title, body });
  return data.number;
}

function latestCheck(w: World, number: number) {
  const sha = w.sim.pull(FULL, number)!.head.sha;
  return w.sim
    .checkRuns(FULL, sha)
    .filter((r) => r.name === "expedite/freeze")
    .at(-1);
}

describe.each<Mode>(["app", "action"])("freeze trust (%s mode)", (mode) => {
  it("a severity or state label set by hand that starts a freeze turns pull requests red at once", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const pull = await openPull(w, "frank", "search", "Faster search");
    const incident = await openIncident(w, "alice", "[Incident] Search slow", formBody({ Severity: SEV2 }));
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");

    // sev:2 → sev:1 by hand: no command, no sweep.
    await addLabel(w, "alice", incident, "sev:1");
    await removeLabel(w, "alice", incident, "sev:2");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    expect(latestCheck(w, pull)?.output.title).toMatch(new RegExp(`#${incident}`));

    // Resolved (and closed, no post-mortem configured): the freeze lifts.
    w.clock.advance(minutes(10));
    await comment(
      w,
      "alice",
      incident,
      "/resolve Rolled back the search index change; latency is normal again",
    );
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");

    // Reopened and moved back to acknowledged by hand: the freeze is back at once.
    await w
      .as("alice")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: incident, state: "open" });
    await w.settle();
    await addLabel(w, "alice", incident, "incident:acknowledged");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
  });
});
