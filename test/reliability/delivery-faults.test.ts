import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FULL, formBody, minutes, comment, openIncident, SEV3 } from "../harness/index.js";
import type { World } from "../harness/index.js";
import { deliver } from "../e2e/support/deliver.js";
import { DEFAULT_SHAPE, generateScenario } from "./support/scenario.js";
import { runScenario } from "./support/runScenario.js";
import type { FaultMode, ScenarioResult } from "./support/runScenario.js";
import { differences } from "./support/diff.js";
import { seedFrom } from "./support/rng.js";
import { declareIncident, repo } from "./support/incidents.js";
import { recordFigures } from "./support/figures.js";
import { startWorld } from "./support/worlds.js";

// GitHub delivers a webhook at least once, in no guaranteed order, and never again after a failure. The
// randomized scenario below is run once with every delivery in order and exactly once, and again under
// faults; after the scheduled reconcile the two final states must be identical, with nothing duplicated.
//
// Replay a failure with EXPEDITE_SEED=<seed>; EXPEDITE_LONG=1 runs every fault mode on its own as well.

const SEED = seedFrom(20261117);
const LONG = process.env.EXPEDITE_LONG === "1";
const SCRIPT = generateScenario(SEED, LONG ? { ...DEFAULT_SHAPE, ticks: 16 } : DEFAULT_SHAPE);
// By default one run carries every fault (see "mixed"); the long run also tries each on its own.
const MODES: FaultMode[] = LONG
  ? [
      "mixed",
      "duplicate-sequential",
      "duplicate-concurrent",
      "shuffle",
      "drop",
      "sequential-and-drop",
      "concurrent-and-shuffle",
    ]
  : ["mixed"];
const replay = `seed ${SEED} — replay with EXPEDITE_SEED=${SEED}`;

describe(`delivery faults on a randomized scenario (${replay})`, () => {
  let orderly: ScenarioResult;
  beforeAll(async () => {
    orderly = await runScenario(SCRIPT, "orderly");
  }, 120_000);
  afterAll(async () => {
    await orderly?.world.close();
  });

  it(`the scenario is substantial: ${SCRIPT.incidents} incidents, ${SCRIPT.pulls} pull requests, ${SCRIPT.actions} actions`, () => {
    expect(SCRIPT.incidents, replay).toBeGreaterThanOrEqual(5);
    expect(SCRIPT.pulls, replay).toBeGreaterThanOrEqual(3);
    expect(SCRIPT.actions, replay).toBeGreaterThanOrEqual(50);
    // It reaches the interesting places: escalations, refusals, post-mortems, follow-ups, freeze checks.
    const boards = orderly.snapshot.issues.map((i) => i.botComments.join(" ")).join(" ");
    expect(boards, replay).toMatch(/notice:escalation/);
    expect(boards, replay).toMatch(/reply:/);
    expect(orderly.snapshot.counts.followups, replay).toBeGreaterThan(0);
    expect(
      orderly.snapshot.pulls.some((p) => p.name.startsWith("PM(")),
      replay,
    ).toBe(true);
    expect(orderly.stats.failingChecks, replay).toBeGreaterThan(0);
  });

  it("the orderly run itself leaves no duplicates and no invalid requests", () => {
    expect(orderly.duplicates, replay).toEqual([]);
    expect(orderly.world.sim.validationErrors, replay).toEqual([]);
    recordFigures("delivery-faults", {
      ...orderly.stats,
      seed: SEED,
      actions: SCRIPT.actions,
      duplicatesFound: 0,
    });
  });

  describe.each(MODES)("%s", (mode) => {
    let run: ScenarioResult;
    beforeAll(async () => {
      run = await runScenario(SCRIPT, mode);
    }, 120_000);
    afterAll(async () => {
      await run?.world.close();
    });

    it("really injected the faults", () => {
      const { stats } = run;
      const mixed = mode === "mixed";
      if (mode.includes("sequential") || mixed)
        expect(stats.sequentialDuplicates, replay).toBeGreaterThan(50);
      if (mode.includes("concurrent") || mixed)
        expect(stats.concurrentDuplicates, replay).toBeGreaterThan(50);
      if (mode.includes("drop") || mixed) expect(stats.dropped, replay).toBeGreaterThan(20);
      if (mode.includes("shuffle") || mixed) {
        expect(stats.shuffled, replay).toBeGreaterThan(50);
        expect(stats.inversions, replay).toBeGreaterThan(0);
      }
    });

    it("leaves no duplicate comment, label, check run, pull request or follow-up issue", () => {
      expect(run.duplicates, replay).toEqual([]);
      expect(run.world.sim.validationErrors, replay).toEqual([]);
      recordFigures("delivery-faults", {
        ...run.stats,
        seed: SEED,
        duplicatesFound: run.duplicates.length,
      });
    });

    it("ends in exactly the orderly run's state: labels, assignees, boards, checklists, checks, PRs, follow-ups", () => {
      const diff = differences(orderly.snapshot, run.snapshot);
      expect(diff, `${replay}; ${mode} differs from the orderly run:\n${diff.join("\n")}`).toEqual([]);
    });
  });
});

describe("lost deliveries: the next scheduled reconcile repairs what they left undone", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("every delivery of an incident's life lost: one sweep brings it to the state an orderly run reaches", async () => {
    world = await startWorld({ mode: "app", config: { severity: { postmortem: [1] } } });
    const w = world;
    const from = w.sim.deliveries.length;
    w.sim.setWebhookFaults({ dropRate: 1 });
    const number = await declareIncident(w);
    await comment(w, "bob", number, "/ack\n/comms @dave");
    const refused = await comment(w, "carol", number, "/note I can't do this");
    await comment(w, "bob", number, "/mitigate Payments routed through the backup gateway");
    await w.settle();
    expect(w.sim.deliveries.slice(from).every((d) => d.error?.startsWith("dropped"))).toBe(true);
    expect(w.botComments(number)).toEqual([]);
    await w.sweep();
    expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:mitigated", "sev:2"]);
    expect(w.sim.issue(FULL, number)?.assignees).toEqual(["bob"]);
    expect(w.board(number)).toMatch(/\| \*\*Communicator\*\* \| \*\*dave\*\* \|/);
    expect(w.botComments(number).filter((c) => c.body.includes(`comment=${refused} `))).toHaveLength(1);
  });

  it("a lost merge of a pull request that mentions a closed incident still reaches that incident's board", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const number = await openIncident(w, "alice", "[Incident] Search slow", formBody({ Severity: SEV3 }));
    await w.settle();
    w.sim.pushCommit({ repo: FULL, branch: "reindex", files: { "src/reindex.ts": "x\n" }, author: "alice" });
    const { data: pr } = await w.as("alice").rest.pulls.create({
      ...repo,
      head: "reindex",
      base: "main",
      title: "Rebuild the search index nightly",
      body: `Follow-up to #${number}`,
    });
    await w.settle();
    await comment(w, "bob", number, "/resolve The search index was rebuilt from last night's snapshot");
    await w.settle();
    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    expect(w.board(number)).toMatch(/Rebuild the search index nightly — open/);

    w.sim.setWebhookFaults({ dropRate: 1 });
    await w.as("dave").rest.pulls.merge({ ...repo, pull_number: pr.number });
    await w.settle();
    w.sim.setWebhookFaults({});
    // The next sweep that makes a full pass over pull requests (one is due at every half hour).
    w.clock.set(Math.ceil(w.clock.now() / minutes(30)) * minutes(30) + minutes(1));
    await w.sweep();
    expect(w.board(number)).toMatch(/Rebuild the search index nightly — merged/);
  });
});

describe("a reconcile is a fixed point: delivering the same event again writes nothing", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  async function redeliverEverything(w: World) {
    w.sim.clearLog();
    for (const d of w.sim.deliveries.filter((x) => x.status !== undefined && x.status < 300))
      await deliver(w.app!.webhookUrl, d.event, d.payload, { id: d.id });
    await w.settle();
    return w.sim.writes().map((r) => `${r.method} ${r.path}`);
  }

  it("after the reconcile that posted an escalation notice", async () => {
    world = await startWorld({ mode: "app", config: { oncall: { primary: "erin" } } });
    const w = world;
    const start = w.clock.now();
    await declareIncident(w);
    await w.settle();
    w.clock.set(start + minutes(31));
    await w.sweep();
    expect(await redeliverEverything(w)).toEqual([]);
  });

  it("after the reconcile that closed a resolved incident", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const number = await openIncident(w, "alice", "[Incident] Search slow", formBody({ Severity: SEV3 }));
    await w.settle();
    await comment(w, "bob", number, "/resolve The search index was rebuilt from last night's snapshot");
    await w.settle();
    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    expect(await redeliverEverything(w)).toEqual([]);
  });
});
