import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { personClient } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import type { ProductionApp } from "../e2e/support/productionApp.js";
import { startTestRedis } from "../e2e/support/redisServer.js";
import type { TestRedis } from "../e2e/support/redisServer.js";
import { startTcpProxy } from "../e2e/support/tcpProxy.js";
import type { TcpProxy } from "../e2e/support/tcpProxy.js";
import {
  BOT,
  FULL,
  OWNER,
  REPO,
  SECRET,
  logLines,
  replicaGitHub,
  startReplica,
  waitFor,
} from "../e2e/support/replicas.js";
import { formBody, SEV2 } from "../harness/index.js";

// The Redis mode when things go wrong: Redis unreachable, a job that always fails, a quota running low,
// and webhook work arriving behind a large sweep.

let redis: TestRedis;
let sim: Simulator | undefined;
let proxy: TcpProxy | undefined;
let apps: ProductionApp[] = [];
let round = 0;

beforeAll(async () => {
  redis = await startTestRedis(import.meta.url);
});
afterEach(async () => {
  await Promise.all(apps.map((a) => a.stop("SIGKILL")));
  apps = [];
  await proxy?.close();
  proxy = undefined;
  await sim?.close();
  sim = undefined;
});
afterAll(async () => {
  await redis?.stop();
});

const CONFIG = { oncall: { primary: "erin" }, severity: { postmortem: [] } };

async function declare(s: Simulator, title: string, repo = REPO): Promise<number> {
  const { data } = await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues", {
    owner: OWNER,
    repo,
    title,
    body: formBody({ Summary: title, Severity: SEV2 }),
    labels: ["incident"],
  });
  return data.number;
}

const board = (s: Simulator, n: number, repo = FULL) =>
  s.comments(repo, n).filter((c) => c.user === BOT && c.body.startsWith("<!-- expedite:board"));

const metrics = async (app: ProductionApp) => (await fetch(`${app.url}/metrics`)).text();

describe("the Redis mode when things go wrong", () => {
  it("Redis unreachable: deliveries are answered 503 and readiness says why; Redis back: 2xx again, and the next start asks GitHub for the refused deliveries", async () => {
    const github = await replicaGitHub(CONFIG);
    sim = github.sim;
    const target = new URL(redis.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const viaProxy = `redis://127.0.0.1:${proxy.port}${target.pathname}`;
    const prefix = `${redis.prefix}-${round++}`;
    const start = () =>
      startReplica("r1", { ...github, redisUrl: viaProxy, prefix, vars: { LOG_LEVEL: "info" } });
    apps = [await start()];
    sim.setWebhook({ url: apps[0]!.webhookUrl, secret: SECRET });

    const first = await declare(sim, "Checkout errors");
    await waitFor("the first board", () => board(sim!, first).length === 1);

    await proxy.cut();
    const lost = await declare(sim, "Search is down");
    await sim.deliveriesIdle();
    const refused = sim.deliveries.filter(
      (d) => (d.payload as { issue?: { number?: number } }).issue?.number === lost,
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((d) => d.status === 503)).toBe(true);
    const ready = await fetch(`${apps[0]!.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { problems: string[] }).problems.join(" ")).toMatch(
      /Redis could not be reached/,
    );
    // /metrics still answers, and says Redis is unreachable.
    expect(await metrics(apps[0]!)).toMatch(/^expedite_redis_up\{replica="r1"\} 0$/m);
    // Liveness does not depend on Redis: restarting the replica would not bring Redis back.
    expect((await fetch(`${apps[0]!.url}/healthz`)).status).toBe(200);

    await proxy.restore();
    await waitFor("readiness again", async () => (await fetch(`${apps[0]!.url}/readyz`)).status === 200);
    expect(await metrics(apps[0]!)).toMatch(/^expedite_redis_up\{replica="r1"\} 1$/m);
    const third = await declare(sim, "Login is slow");
    await waitFor("the third board", () => board(sim!, third).length === 1);

    // A graceful stop, then a start: its delivery-recovery pass asks GitHub for the refused deliveries.
    expect(await apps[0]!.stop("SIGTERM")).toBe(0);
    apps = [await start()];
    sim.setWebhook({ url: apps[0]!.webhookUrl, secret: SECRET });
    await waitFor("the refused incident's board", () => board(sim!, lost).length === 1);
    expect(
      sim.deliveries.some((d) => refused.some((r) => r.id === d.id) && d.redelivery && d.status === 200),
    ).toBe(true);
  }, 120_000);

  it("a job that fails every attempt fails for good: counted in /metrics, logged with its delivery id, kept in Redis", async () => {
    const github = await replicaGitHub(CONFIG);
    sim = github.sim;
    const prefix = `${redis.prefix}-${round++}`;
    apps = [
      await startReplica("r1", {
        ...github,
        redisUrl: redis.url,
        prefix,
        vars: { EXPEDITE_JOB_ATTEMPTS: "2", EXPEDITE_JOB_BACKOFF: "1s", EXPEDITE_SCHEDULE_INTERVAL: "1h" },
      }),
    ];
    sim.setWebhook({ url: apps[0]!.webhookUrl, secret: SECRET });
    // GitHub refuses every read of the incident's timeline with an error the client does not retry.
    sim.addFault({
      method: "GET",
      route: "/repos/{owner}/{repo}/issues/{issue_number}/timeline",
      status: 400,
      times: Infinity,
    });
    const number = await declare(sim, "Checkout errors");
    await sim.deliveriesIdle();
    const deliveries = new Set(
      sim.deliveries
        .filter((d) => (d.payload as { issue?: { number?: number } }).issue?.number === number)
        .map((d) => d.id),
    );
    await waitFor("a job to fail for good", () =>
      logLines(apps).some((l) => l.msg?.toString().startsWith("job failed for good")),
    );
    const failed = logLines(apps).filter((l) => String(l.msg).startsWith("job failed for good"));
    expect(failed.some((l) => l.kind === "object" && deliveries.has(String(l.delivery)))).toBe(true);
    expect(logLines(apps).some((l) => String(l.msg).startsWith("job failed; retrying"))).toBe(true);
    const text = await metrics(apps[0]!);
    expect(text).toMatch(/^expedite_jobs_failed_total\{kind="object",replica="r1"\} [1-9]/m);
    expect(text).toMatch(/^expedite_queue_jobs\{state="failed",replica="r1"\} [1-9]/m);
    expect(board(sim, number)).toHaveLength(0);
  }, 120_000);

  it("the quota reserve: sweeps are put off when little quota is left, webhook work still runs", async () => {
    const github = await replicaGitHub(CONFIG);
    sim = github.sim;
    const prefix = `${redis.prefix}-${round++}`;
    // A reserve larger than the whole hourly quota: every sweep is put off once GitHub's headers are seen.
    const vars = { EXPEDITE_QUOTA_RESERVE: "100000", EXPEDITE_SCHEDULE_INTERVAL: "1s" };
    apps = await Promise.all(
      ["r1", "r2"].map((name) => startReplica(name, { ...github, redisUrl: redis.url, prefix, vars })),
    );
    sim.setWebhook({ url: apps[0]!.webhookUrl, secret: SECRET });
    const number = await declare(sim, "Checkout errors");
    await waitFor("the board", () => board(sim!, number).length === 1);
    const sweepReads = () =>
      sim!.requests.filter((r) => r.route === "/repos/{owner}/{repo}/issues" && r.method === "GET").length;
    await waitFor("sweeps to be put off", () =>
      logLines(apps).some((l) => String(l.msg).startsWith("sweep put off")),
    );
    const before = sweepReads();
    const deferred = logLines(apps).filter((l) => String(l.msg).startsWith("sweep put off")).length;
    await waitFor(
      "more ticks",
      () => logLines(apps).filter((l) => String(l.msg).startsWith("sweep put off")).length >= deferred + 2,
    );
    // No sweep listed the repository's issues meanwhile…
    expect(sweepReads()).toBe(before);
    // …while a person's command is still handled at once.
    await personClient(sim, "erin").request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: OWNER,
      repo: REPO,
      issue_number: number,
      body: "/ack",
    });
    await waitFor("the acknowledgement", () =>
      sim!.issue(FULL, number)!.labels.includes("incident:acknowledged"),
    );
    const all = (await Promise.all(apps.map(metrics))).join("\n");
    expect(all).toMatch(/^expedite_sweeps_deferred_total\{replica="r\d"\} [1-9]/m);
  }, 120_000);
});
