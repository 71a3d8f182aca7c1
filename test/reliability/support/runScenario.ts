import { FULL, OWNER, REPO, minutes } from "../../harness/index.js";
import type { World } from "../../harness/index.js";
import { startWorld } from "./worlds.js";
import type { Script, Action } from "./scenario.js";
import { snapshotOf, duplicatesIn } from "./snapshot.js";
import type { Snapshot, Names } from "./snapshot.js";

export type FaultMode =
  | "orderly"
  | "duplicate-sequential"
  | "duplicate-concurrent"
  | "shuffle"
  | "drop"
  /** Every delivery sent twice in a row, and about a third of them never sent. */
  | "sequential-and-drop"
  /** Every delivery sent twice at once, from a queue shuffled after each tick's events. */
  | "concurrent-and-shuffle"
  /**
   * All of it, tick by tick: every delivery sent twice (in a row on even ticks, at once on odd ones), the
   * queue shuffled on two ticks out of three, and about a third of the deliveries never sent.
   */
  | "mixed";

const DROP_RATE = 0.35;
const REORDER_WINDOW = 16;

/** The configuration every scenario runs with: an on-call roster, an approver, post-mortems for sev 1–2. */
export const SCENARIO_CONFIG = {
  oncall: { primary: "erin", secondary: "frank" },
  acknowledge: { notify: ["@acme/incident-managers"] },
  freeze: { approvers: ["dave"] },
  severity: { postmortem: [1, 2] },
  postmortem: { reviewers: ["frank"] },
};

export interface ScenarioStats {
  mode: FaultMode;
  /** Webhook sends attempted by the simulator (duplicates and dropped ones included). */
  deliveriesTried: number;
  /** Extra copies sent with the id of a delivery already sent (in a row, and at the same time). */
  duplicatesSent: number;
  sequentialDuplicates: number;
  concurrentDuplicates: number;
  /** Deliveries the simulator dropped on purpose. */
  dropped: number;
  /** Deliveries sent from a shuffled queue, and how many pairs of comment deliveries came out of order. */
  shuffled: number;
  inversions: number;
  /** Post-mortem merges skipped because no post-mortem PR existed (the same in every mode). */
  skippedMerges: number;
  /** Freeze check runs written with a failing conclusion at some point. */
  failingChecks: number;
}

export interface ScenarioResult {
  world: World;
  snapshot: Snapshot;
  duplicates: string[];
  stats: ScenarioStats;
}

/**
 * Runs a script against a fresh App-mode world with the given delivery faults, then one last scheduled
 * reconcile at a full-pass moment, and returns the normalised final state.
 */
export async function runScenario(script: Script, mode: FaultMode): Promise<ScenarioResult> {
  const world = await startWorld({ mode: "app", config: SCENARIO_CONFIG });
  const names: Names = { incidents: [], pulls: [], comments: new Map() };
  const stats: ScenarioStats = {
    mode,
    deliveriesTried: 0,
    duplicatesSent: 0,
    sequentialDuplicates: 0,
    concurrentDuplicates: 0,
    dropped: 0,
    shuffled: 0,
    inversions: 0,
    skippedMerges: 0,
    failingChecks: 0,
  };
  const dropRate = mode.includes("drop") || mode === "mixed" ? DROP_RATE : 0;

  try {
    for (const [t, tick] of script.ticks.entries()) {
      const duplicate =
        mode.includes("sequential") || (mode === "mixed" && t % 2 === 0)
          ? "sequential"
          : mode.includes("concurrent") || mode === "mixed"
            ? "concurrent"
            : false;
      world.sim.setWebhookFaults({ duplicate, dropRate });
      // Shuffling: deliveries wait while the tick's events happen, then go out in a random order.
      const batches = mode.includes("shuffle") || (mode === "mixed" && t % 3 !== 0);
      const first = world.sim.deliveries.length;
      world.clock.advance(minutes(tick.minutes));
      // The scheduled reconcile at this moment, before anyone acts: clocks that fell due fire here.
      await world.sweep();
      if (batches) world.sim.pauseWebhooks();
      // People do not wait for the bot, as on a busy incident (the scenario keeps that fair, see there).
      for (const action of tick.actions) await perform(world, names, action, stats);
      if (batches) {
        const before = world.sim.deliveries.length;
        world.sim.setWebhookFaults({ duplicate, dropRate, reorderWindow: REORDER_WINDOW });
        world.sim.resumeWebhooks();
        await world.settle();
        world.sim.setWebhookFaults({ duplicate, dropRate });
        stats.shuffled += world.sim.deliveries.length - before;
      }
      // …and again after the tick's events: this is what repairs whatever a lost delivery left undone.
      await world.sweep();
      const sent = world.sim.deliveries.slice(first);
      const copies = sent.length - new Set(sent.map((d) => d.id)).size;
      if (duplicate === "sequential") stats.sequentialDuplicates += copies;
      if (duplicate === "concurrent") stats.concurrentDuplicates += copies;
    }
    // The last scheduled reconcile, at a moment where it also makes its full pass over pull requests.
    const now = world.clock.now();
    const halfHour = minutes(30);
    world.clock.set(Math.floor(now / halfHour) * halfHour + halfHour + minutes(1));
    await world.sweep();
    await world.settle();
  } catch (error) {
    await world.close();
    throw error;
  }

  const deliveries = world.sim.deliveries;
  stats.deliveriesTried = deliveries.length;
  stats.dropped = deliveries.filter((d) => d.error?.startsWith("dropped")).length;
  const ids = new Set(deliveries.map((d) => d.id));
  stats.duplicatesSent = deliveries.length - ids.size;
  stats.inversions = commentInversions(world);
  stats.failingChecks = world.sim.requests.filter(
    (r) =>
      r.applied &&
      /check-runs/.test(r.route) &&
      (r.body as { conclusion?: string } | undefined)?.conclusion === "failure",
  ).length;
  return { world, snapshot: await snapshotOf(world, names), duplicates: duplicatesIn(world), stats };
}

async function perform(world: World, names: Names, action: Action, stats: ScenarioStats): Promise<void> {
  const person = world.as(action.who);
  const repo = { owner: OWNER, repo: REPO };
  const incidentNumber = (index: number) => {
    const number = names.incidents[index];
    if (number === undefined) throw new Error(`script refers to incident ${index} before it exists`);
    return number;
  };
  switch (action.kind) {
    case "open": {
      const { data } = await person.rest.issues.create({
        ...repo,
        title: action.title,
        body: action.body,
        ...(action.via === "form" ? { labels: ["incident"] } : {}),
      });
      names.incidents[action.incident] = data.number;
      if (action.via === "label")
        await person.rest.issues.addLabels({ ...repo, issue_number: data.number, labels: ["incident"] });
      return;
    }
    case "comment": {
      const { data } = await person.rest.issues.createComment({
        ...repo,
        issue_number: incidentNumber(action.incident),
        body: action.body,
      });
      names.comments.set(data.id, `C${names.comments.size}`);
      return;
    }
    case "label":
      await person.rest.issues.addLabels({
        ...repo,
        issue_number: incidentNumber(action.incident),
        labels: [action.label],
      });
      return;
    case "openPull": {
      world.sim.pushCommit({
        repo: FULL,
        branch: action.branch,
        files: { [`src/${action.branch}.ts`]: `export const change = "${action.branch}";\n` },
        author: action.who,
      });
      const body = action.body.replace(/\{\{incident:(\d+)\}\}/g, (_, k: string) => `#${incidentNumber(+k)}`);
      const { data } = await person.rest.pulls.create({
        ...repo,
        head: action.branch,
        base: "main",
        title: action.title,
        body,
      });
      names.pulls[action.pull] = data.number;
      return;
    }
    case "push": {
      const number = names.pulls[action.pull]!;
      const branch = world.sim.pull(FULL, number)!.head.ref;
      world.sim.pushCommit({
        repo: FULL,
        branch,
        files: { [`src/${branch}.ts`]: `export const change = ${action.change};\n` },
        author: action.who,
      });
      return;
    }
    case "pullComment": {
      const { data } = await person.rest.issues.createComment({
        ...repo,
        issue_number: names.pulls[action.pull]!,
        body: action.body,
      });
      names.comments.set(data.id, `C${names.comments.size}`);
      return;
    }
    case "mergePull":
      await person.rest.pulls.merge({ ...repo, pull_number: names.pulls[action.pull]! });
      return;
    case "mergePostmortem": {
      const number = incidentNumber(action.incident);
      const branch = `expedite/postmortem-${number}`;
      const { data: pulls } = await person.rest.pulls.list({
        ...repo,
        head: `${OWNER}:${branch}`,
        state: "open",
      });
      const pull = pulls[0];
      if (!pull) {
        stats.skippedMerges++;
        return;
      }
      const { data: files } = await person.rest.pulls.listFiles({ ...repo, pull_number: pull.number });
      const path = files[0]!.filename;
      const text = world.sim.file(FULL, branch, path) ?? "";
      const items = [
        ...action.done.map((item) => `- [x] ${item}`),
        ...action.todo.map((item) => `- [ ] ${item}`),
      ].join("\n");
      const edited = text.replace(/## Action items[\s\S]*$/, `## Action items\n\n${items}\n`);
      world.sim.pushCommit({ repo: FULL, branch, files: { [path]: edited }, author: action.who });
      await person.rest.pulls.merge({ ...repo, pull_number: pull.number });
      return;
    }
  }
}

/** Pairs of `issue_comment.created` deliveries sent in the opposite order of the comments' creation. */
function commentInversions(world: World): number {
  const order = world.sim.deliveries
    .filter((d) => d.event === "issue_comment" && d.action === "created" && !d.error)
    .map((d) => (d.payload as { comment: { id: number } }).comment.id);
  const seen = [...new Set(order)];
  let inversions = 0;
  for (let i = 0; i < seen.length; i++)
    for (let j = i + 1; j < seen.length; j++) if (seen[i]! > seen[j]!) inversions++;
  return inversions;
}
