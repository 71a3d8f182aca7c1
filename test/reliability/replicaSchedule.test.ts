import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
  SECRET,
  laneCount,
  logLines,
  replicaGitHub,
  startBalancer,
  startReplica,
  waitFor,
} from "../e2e/support/replicas.js";
import type { Balancer } from "../e2e/support/replicas.js";
import { formBody, SEV2 } from "../harness/index.js";

// Proofs (d) and (e) of the Redis mode: one schedule and one write pace, however many replicas.

let redis: TestRedis;
let sim: Simulator | undefined;
let balancer: Balancer | undefined;
let apps: ProductionApp[] = [];
let round = 0;

beforeAll(async () => {
  redis = await startTestRedis(import.meta.url);
});
afterEach(async () => {
  await Promise.all(apps.map((a) => a.stop("SIGKILL")));
  apps = [];
  await balancer?.close();
  balancer = undefined;
  await sim?.close();
  sim = undefined;
});
afterAll(async () => {
  await redis?.stop();
});

async function replicas(
  n: number,
  config: Record<string, unknown>,
  vars: Record<string, string>,
  more: string[] = [],
) {
  const github = await replicaGitHub(config, more);
  sim = github.sim;
  balancer = await startBalancer();
  const prefix = `${redis.prefix}-${round++}`;
  apps = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      startReplica(`r${i + 1}`, { ...github, redisUrl: redis.url, prefix, vars }),
    ),
  );
  balancer.backends = apps.map((a) => a.webhookUrl);
  sim.setWebhook({ url: `${balancer.url}/api/github/webhooks`, secret: SECRET });
  return sim;
}

async function declare(s: Simulator, count: number): Promise<number[]> {
  const alice = personClient(s, "alice");
  return Promise.all(
    Array.from({ length: count }, async (_, k) => {
      const { data } = await alice.request("POST /repos/{owner}/{repo}/issues", {
        owner: OWNER,
        repo: REPO,
        title: `Search is down ${k}`,
        body: formBody({ Summary: `Search is down ${k}`, Severity: SEV2 }),
        labels: ["incident"],
      });
      return data.number;
    }),
  );
}

const botComments = (s: Simulator, n: number, kind: string) =>
  s.comments(FULL, n).filter((c) => c.user === BOT && c.body.startsWith(`<!-- expedite:${kind}`));

describe("one schedule and one pace for N replicas", () => {
  it.each([1, 2, 3])(
    "(d) with %i replica(s): one sweep per interval, one wake-up and one notice per deadline",
    async (n) => {
      const INTERVAL = 2_000;
      // The acknowledgement is due 3 s after declaration, at any hour.
      const config = {
        oncall: { primary: "erin" },
        severity: { postmortem: [] },
        acknowledge: { within_business_hours: "3s", outside_business_hours: "3s" },
      };
      const s = await replicas(n, config, { EXPEDITE_SCHEDULE_INTERVAL: "2s", EXPEDITE_LOCK_TTL: "3s" });
      const numbers = await declare(s, 2);
      const ticks = () => logLines(apps).filter((l) => l.msg === "sweep tick");
      await waitFor(
        "both acknowledgement breaches and five sweep ticks",
        () =>
          numbers.every((n) => botComments(s, n, "notice type=ack-breach").length > 0) && ticks().length >= 5,
      );
      // A little longer: a second replica's timer or a second wake-up would show now.
      await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL));
      await s.deliveriesIdle();

      for (const number of numbers) expect(botComments(s, number, "notice type=ack-breach")).toHaveLength(1);
      const wakes = logLines(apps).filter((l) => l.msg === "deadline wake-up");
      const perDeadline = new Map<string, number>();
      for (const w of wakes)
        perDeadline.set(
          `${String(w.wakeUp)}@${String(w.at)}`,
          (perDeadline.get(`${String(w.wakeUp)}@${String(w.at)}`) ?? 0) + 1,
        );
      expect(perDeadline.size).toBeGreaterThanOrEqual(numbers.length);
      expect([...perDeadline.values()].every((count) => count === 1)).toBe(true);

      const all = ticks();
      // Every scheduled tick ran once, on one replica…
      expect(new Set(all.map((t) => t.tick)).size).toBe(all.length);
      // …and there was one per interval, not one per replica per interval.
      const times = all.map((t) => Number(t.time)).sort((a, b) => a - b);
      expect((times.length - 1) * INTERVAL).toBeLessThanOrEqual(times.at(-1)! - times[0]! + INTERVAL / 2);
      if (n > 1) expect(new Set(all.map((t) => t.replica)).size).toBeGreaterThanOrEqual(1);
    },
    120_000,
  );

  it("(e) 3 replicas: the write pace of the installation holds for all of them together", async () => {
    const SPACING = 150;
    const s = await replicas(
      3,
      { oncall: { primary: "erin" }, severity: { postmortem: [] } },
      { EXPEDITE_WRITE_SPACING_MS: String(SPACING), LOG_LEVEL: "debug" },
    );
    const numbers = await declare(s, 6);
    await waitFor(
      "every incident's board, checklist and on-call notice",
      () =>
        numbers.every(
          (n) =>
            botComments(s, n, "board").length === 1 &&
            botComments(s, n, "checklist").length === 1 &&
            botComments(s, n, "notice type=oncall").length === 1,
        ),
      90_000,
    );
    await s.deliveriesIdle();
    // The work was spread over the replicas…
    expect(apps.filter((a) => laneCount([a]) > 0).length).toBeGreaterThan(1);
    // …yet the installation's writes, all replicas together, kept the pace.
    const writes = s.requests
      .filter((r) => r.identity === BOT && r.method !== "GET" && r.method !== "HEAD")
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(writes.length).toBeGreaterThan(30);
    const gaps = writes.slice(1).map((at, i) => at - writes[i]!);
    // No two writes at once. Arrival times jitter around the shared limiter's start times (on a loaded
    // machine one request can take a hundred milliseconds longer to leave its process than the next), so a
    // rare short gap is allowed; three unpaced replicas would make a third or more of the gaps near zero…
    const short = gaps.filter((gap) => gap < SPACING / 2);
    expect(short.length, `gaps under ${SPACING / 2} ms: ${short.join(", ")}`).toBeLessThanOrEqual(
      Math.floor(gaps.length / 20),
    );
    // …and the aggregate rate is one installation's pace, not three replicas' (a third of the time).
    expect(writes.at(-1)! - writes[0]!).toBeGreaterThanOrEqual((writes.length - 1) * SPACING * 0.95);
  }, 120_000);

  it("priorities: a webhook's job runs before the sweeps already queued (webhook > deadline > sweep)", async () => {
    // One replica taking one job at a time, and a first sweep over forty repositories at 20 ms a request.
    const more = Array.from({ length: 40 }, (_, i) => `service-${i}`);
    const s = await replicas(
      1,
      { oncall: { primary: "erin" }, severity: { postmortem: [] } },
      { EXPEDITE_CONCURRENCY: "1", EXPEDITE_SCHEDULE_INTERVAL: "1h", LOG_LEVEL: "debug" },
      more,
    );
    s.addFault({ delayMs: 20, times: Infinity });
    const sweeps = () =>
      logLines(apps)
        .filter((l) => l.msg === "reconciled" && typeof l.sweep === "string")
        .map((l) => Number(l.time));
    await waitFor("the sweep to be under way", () => sweeps().length >= 2);
    const [number] = await declare(s, 1);
    await waitFor("the incident's board", () => botComments(s, number!, "board").length === 1, 90_000);
    const sent = Math.min(...s.deliveries.filter((d) => d.event === "issues").map((d) => d.at));
    const reconciled = Math.min(
      ...logLines(apps)
        .filter((l) => l.msg === "incident reconciled" && l.issue === number)
        .map((l) => Number(l.time)),
    );
    // Between the delivery and the incident's reconcile, only the sweep already running finished…
    expect(sweeps().filter((t) => t > sent && t < reconciled).length).toBeLessThanOrEqual(2);
    // …while most of the sweep was still to come.
    await waitFor("the whole sweep", () => sweeps().length >= more.length + 1, 90_000);
    expect(sweeps().filter((t) => t > reconciled).length).toBeGreaterThan(10);
  }, 150_000);
});
