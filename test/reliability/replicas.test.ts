import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Queue } from "bullmq";
import { personClient } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import type { ProductionApp } from "../e2e/support/productionApp.js";
import { startTestRedis } from "../e2e/support/redisServer.js";
import type { TestRedis } from "../e2e/support/redisServer.js";
import {
  BOT,
  FULL,
  OWNER,
  REPO,
  laneCount,
  laneOverlaps,
  replicaGitHub,
  startBalancer,
  startReplica,
  waitFor,
} from "../e2e/support/replicas.js";
import type { Balancer } from "../e2e/support/replicas.js";
import { formBody, SEV2, SEV3 } from "../harness/index.js";
import type { World } from "../harness/index.js";
import { duplicatesIn, snapshotOf } from "./support/snapshot.js";
import type { Names, Snapshot } from "./support/snapshot.js";

// Proofs (a)–(c) of the Redis mode: replicas are the production bundle (dist/app.js) as child processes
// sharing one real redis-server, behind a round-robin balancer, against the simulator on the real clock.

const CONFIG = { oncall: { primary: "erin" }, severity: { postmortem: [] } };
const INCIDENTS = 24;
/** Replicas' settings: a real scheduler interval, locks that expire soon after a kill, sweeps running. */
const VARS = {
  EXPEDITE_SCHEDULE_INTERVAL: "3s",
  EXPEDITE_LOCK_TTL: "3s",
  LOG_LEVEL: "debug",
};

let redis: TestRedis;
let orderly: Snapshot;
let sim: Simulator | undefined;
let balancer: Balancer | undefined;
let apps: ProductionApp[] = [];

beforeAll(async () => {
  redis = await startTestRedis(import.meta.url);
  // The reference: one process, no Redis, deliveries in order and once.
  const run = await scenario({ replicas: 1, redis: false, faults: false });
  orderly = run.snapshot;
  await teardown();
}, 180_000);
afterEach(teardown);
afterAll(async () => {
  await redis?.stop();
});

async function teardown() {
  await Promise.all(apps.map((a) => a.stop("SIGKILL")));
  apps = [];
  await balancer?.close();
  balancer = undefined;
  await sim?.close();
  sim = undefined;
}

let round = 0;

interface ScenarioOptions {
  replicas: number;
  redis: boolean;
  /** Deliveries sent twice at once and shuffled, as GitHub may. */
  faults: boolean;
  /** Called after the first third of the people's actions (to kill a replica, or all of them)… */
  midway?: (ctx: Context) => Promise<void>;
  /** …and after the next step (to start replicas again). */
  resume?: (ctx: Context) => Promise<void>;
}

interface Context {
  apps: ProductionApp[];
  balancer: Balancer;
  start: (n: number) => Promise<void>;
}

/**
 * The script: a few dozen incidents declared through the form, each acknowledged, updated, some mitigated
 * and some resolved, by several people at once, then settled. Returns the normalised final state.
 */
async function scenario(options: ScenarioOptions) {
  const github = await replicaGitHub(CONFIG);
  sim = github.sim;
  balancer = await startBalancer();
  const prefix = `${redis.prefix}-${round++}`;
  // Each replica joins the balancer as soon as it answers, as a health-checked pool does.
  const start = async (n: number) => {
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const app = await startReplica(`r${apps.length + i + 1}`, {
          ...github,
          ...(options.redis ? { redisUrl: redis.url, prefix } : {}),
          vars: VARS,
        });
        apps.push(app);
        balancer!.backends = apps.filter((a) => a.child.exitCode === null).map((a) => a.webhookUrl);
      }),
    );
  };
  await start(options.replicas);
  sim.setWebhook({ url: `${balancer.url}/api/github/webhooks`, secret: "replica-test-secret" });
  if (options.faults) sim.setWebhookFaults({ duplicate: "concurrent", reorderWindow: 8 });
  // A little latency on every request, so reconciles of one incident overlap in time across replicas.
  sim.addFault({ delayMs: 5, times: Infinity });

  const names: Names = { incidents: [], pulls: [], comments: new Map() };
  const people = { alice: personClient(sim, "alice"), erin: personClient(sim, "erin") };
  // Comments are named by incident and step, whatever order concurrent requests complete in.
  const say = async (who: keyof typeof people, k: number, body: string) => {
    const { data } = await people[who].request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: OWNER,
      repo: REPO,
      issue_number: names.incidents[k]!,
      body,
    });
    names.comments.set(Number(data.id), `I${k}:${body.split(" ")[0]}`);
  };
  const steps: Array<(k: number) => Promise<void>> = [
    async (k) => {
      const { data } = await people.alice.request("POST /repos/{owner}/{repo}/issues", {
        owner: OWNER,
        repo: REPO,
        title: `Checkout errors ${k}`,
        body: formBody({ Summary: `Checkout errors ${k}`, Severity: k % 2 ? SEV2 : SEV3 }),
        labels: ["incident"],
      });
      names.incidents[k] = data.number;
    },
    (k) => say("erin", k, "/ack"),
    (k) => (k < 6 ? say("alice", k, "/note Customer support has been told") : Promise.resolve()),
    (k) => say("alice", k, "/comms @alice"),
    (k) => say("alice", k, `/update Payments team is looking at shard ${k}`),
    (k) => (k % 3 === 0 ? say("erin", k, "/mitigate Rolled back the deploy") : Promise.resolve()),
    (k) =>
      k % 4 === 0 ? say("erin", k, "/resolve Restored the connection pool size to 50") : Promise.resolve(),
  ];
  // Step by step over all incidents, eight incidents at a time: a burst on many objects at once.
  const total = steps.length;
  for (let s = 0; s < total; s++) {
    for (let k = 0; k < INCIDENTS; k += 8)
      await Promise.all(Array.from({ length: 8 }, (_, j) => steps[s]!(k + j)));
    // Whether the App saw an incident before its /ack changes what it posts (an on-call notice or not), in
    // any mode: people wait for the board before acting, so every run sees the same story.
    if (s === 0)
      await waitFor("every incident's board", () =>
        names.incidents.every((n) =>
          sim!.comments(FULL, n).some((c) => c.user === BOT && c.body.startsWith("<!-- expedite:board")),
        ),
      );
    if (s === 1) await options.midway?.({ apps, balancer, start });
    if (s === 2) await options.resume?.({ apps, balancer, start });
  }
  await settle(sim, apps);
  // Deliveries GitHub recorded as failed are asked for again by the delivery recovery; wait for them.
  const failed = sim.deliveries.filter((d) => d.status === 502).map((d) => d.id);
  if (failed.length > 0) {
    await waitFor(
      "every failed delivery to be redelivered",
      () =>
        failed.every((id) => sim!.deliveries.some((d) => d.id === id && d.redelivery && d.status === 200)),
      60_000,
      () =>
        [
          ...failed
            .filter((id) => !sim!.deliveries.some((d) => d.id === id && d.redelivery && d.status === 200))
            .map((id) =>
              JSON.stringify(
                sim!.deliveries
                  .filter((d) => d.id === id)
                  .map((d) => ({
                    id,
                    event: d.event,
                    action: d.action,
                    status: d.status,
                    error: d.error,
                    re: d.redelivery,
                    at: d.at,
                  })),
              ),
            ),
          ...apps
            .flatMap((a) => a.output)
            .filter((l) => /recover|redeliver|stalled/i.test(l) && !l.includes('"level":20'))
            .map((l) => l.slice(0, 1500)),
        ].join("\n"),
    );
    await settle(sim, apps);
  }
  const snapshot = await snapshotOf({ sim, bot: BOT } as unknown as World, names);
  return { snapshot, duplicates: duplicatesIn({ sim, bot: BOT } as unknown as World), prefix };
}

/** Deliveries sent and nothing queued or running, three looks in a row. */
async function settle(s: Simulator, replicas: ProductionApp[]) {
  let quiet = 0;
  await waitFor(
    "the replicas to settle",
    async () => {
      await s.deliveriesIdle();
      const live = replicas.filter((a) => a.child.exitCode === null && a.child.signalCode === null);
      const depths = await Promise.all(
        live.map(async (a) => {
          const text = await (await fetch(`${a.url}/metrics`)).text();
          return Number(/^expedite_queue_depth(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? "1");
        }),
      );
      quiet = depths.every((d) => d === 0) ? quiet + 1 : 0;
      return quiet >= 3;
    },
    120_000,
    async () => {
      const live = replicas.find((a) => a.child.exitCode === null && a.child.signalCode === null);
      const text = live ? await (await fetch(`${live.url}/metrics`)).text() : "";
      const errors = replicas.flatMap((a) => a.output.filter((l) => /"level":(40|50|60)/.test(l)));
      return [...text.split("\n").filter((l) => l.startsWith("expedite_queue")), ...errors.slice(-15)].join(
        "\n",
      );
    },
  );
}

/** What the comparison with the orderly run looks at: everything but texts that carry the real clock's times. */
function comparable(snapshot: Snapshot) {
  return snapshot.issues.map(({ board: _b, checklist: _c, ...rest }) => rest);
}

async function failedForGood(prefix: string): Promise<number> {
  const counts = await Promise.all(
    ["work", "schedule"].map(async (name) => {
      const queue = new Queue(name, { connection: { url: redis.url }, prefix });
      const { failed } = await queue.getJobCounts("failed");
      await queue.close();
      return failed ?? 0;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

describe("N replicas on Redis behave as one App", () => {
  it("(a) 3 replicas, duplicated and reordered deliveries on two dozen incidents: no overlap in any object's lane, no duplicate, the orderly run's final state", async () => {
    const run = await scenario({ replicas: 3, redis: true, faults: true });
    expect(sim!.deliveries.length - new Set(sim!.deliveries.map((d) => d.id)).size).toBeGreaterThan(0);
    // Work really was spread: every replica reconciled something.
    for (const app of apps) expect(app.output.some((l) => l.includes('"msg":"lane released"'))).toBe(true);
    expect(laneCount(apps)).toBeGreaterThan(INCIDENTS * 3);
    expect(laneOverlaps(apps)).toEqual([]);
    expect(run.duplicates).toEqual([]);
    expect(
      sim!.requests.filter(
        (r) => r.method === "DELETE" && r.route.includes("/comments/") && r.identity === BOT,
      ),
    ).toEqual([]);
    expect(comparable(run.snapshot)).toEqual(comparable(orderly));
    expect(await failedForGood(run.prefix)).toBe(0);
  }, 240_000);

  it("(b) SIGKILL one replica mid-burst: nothing answered is lost and no job fails for good", async () => {
    let killed: ProductionApp | undefined;
    const run = await scenario({
      replicas: 3,
      redis: true,
      faults: false,
      midway: async ({ apps: all, balancer: lb }) => {
        // Kill the replica that is busiest right now, without warning.
        killed = all[1]!;
        killed.child.kill("SIGKILL");
        await killed.exited;
        lb.backends = all.filter((a) => a !== killed).map((a) => a.webhookUrl);
      },
    });
    expect(killed?.child.signalCode).toBe("SIGKILL");
    expect(sim!.deliveries.filter((d) => d.status !== undefined && d.status >= 300)).toEqual([]);
    expect(run.duplicates).toEqual([]);
    expect(comparable(run.snapshot)).toEqual(comparable(orderly));
    expect(await failedForGood(run.prefix)).toBe(0);
    expect(laneOverlaps(apps)).toEqual([]);
  }, 240_000);

  it("(c) every replica down while people act, then up again: every failed delivery is recovered", async () => {
    const run = await scenario({
      replicas: 2,
      redis: true,
      faults: false,
      midway: async ({ apps: all, balancer: lb }) => {
        await Promise.all(all.map((a) => a.stop("SIGKILL")));
        lb.backends = [];
        all.length = 0;
      },
      // Meanwhile people wrote notes on six incidents: GitHub recorded those deliveries as failed.
      resume: async ({ balancer: lb, start }) => {
        await sim!.deliveriesIdle();
        expect(lb.refused).toBeGreaterThan(0);
        await start(3);
      },
    });
    const failed = sim!.deliveries.filter((d) => d.status === 502).map((d) => d.id);
    expect(failed.length).toBeGreaterThan(0);
    for (const id of failed)
      expect(sim!.deliveries.some((d) => d.id === id && d.redelivery && d.status === 200)).toBe(true);
    // The notes people wrote while every replica was down were read (each gets the bot's 👍).
    const notes = sim!
      .issues(FULL)
      .flatMap((i) => sim!.comments(FULL, i.number))
      .filter((c) => c.body.startsWith("/note"));
    expect(notes).toHaveLength(6);
    for (const note of notes)
      expect(note.reactions.some((r) => r.user === BOT && r.content === "+1")).toBe(true);
    expect(run.duplicates).toEqual([]);
    expect(comparable(run.snapshot)).toEqual(comparable(orderly));
    expect(await failedForGood(run.prefix)).toBe(0);
  }, 240_000);
});
