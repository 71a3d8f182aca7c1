import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
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
  replicaGitHub,
  startReplica,
  waitFor,
} from "../e2e/support/replicas.js";
import { formBody, SEV2 } from "../harness/index.js";

// The caches of the Redis mode: settings and conditional-request ETags are shared by the replicas.

let redis: TestRedis;
let sim: Simulator | undefined;
let apps: ProductionApp[] = [];
let round = 0;

beforeAll(async () => {
  redis = await startTestRedis(import.meta.url);
});
afterEach(async () => {
  await Promise.all(apps.map((a) => a.stop("SIGKILL")));
  apps = [];
  await sim?.close();
  sim = undefined;
});
afterAll(async () => {
  await redis?.stop();
});

async function declare(s: Simulator, title: string): Promise<number> {
  const { data } = await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues", {
    owner: OWNER,
    repo: REPO,
    title,
    body: formBody({ Summary: title, Severity: SEV2 }),
    labels: ["incident"],
  });
  return data.number;
}

const onCallNotice = (s: Simulator, n: number) =>
  s.comments(FULL, n).find((c) => c.user === BOT && c.body.startsWith("<!-- expedite:notice type=oncall"));

describe("caches shared by the replicas", () => {
  it("a push to .github/ received by one replica changes the settings every replica uses", async () => {
    const github = await replicaGitHub({ oncall: { primary: "erin" }, severity: { postmortem: [] } });
    sim = github.sim;
    const prefix = `${redis.prefix}-${round++}`;
    // Settings are remembered for five minutes: longer than this test.
    apps = await Promise.all(
      ["r1", "r2"].map((name) => startReplica(name, { ...github, redisUrl: redis.url, prefix })),
    );
    const [r1, r2] = apps as [ProductionApp, ProductionApp];
    sim.setWebhook({ url: r2.webhookUrl, secret: SECRET });
    const first = await declare(sim, "Checkout errors");
    await waitFor("the first on-call notice", () => onCallNotice(sim!, first) !== undefined);
    expect(onCallNotice(sim, first)!.body).toMatch(/@erin you are on call/);

    // The push reaches replica 1 only…
    sim.setWebhook({ url: r1.webhookUrl, secret: SECRET });
    sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: {
        ".github/expedite.yml": stringify({ oncall: { primary: "frank" }, severity: { postmortem: [] } }),
      },
      author: "dave",
    });
    await sim.deliveriesIdle();
    // …which then stops, so replica 2, which read the old settings a moment ago, runs every job of the
    // next incident (jobs go to whichever replica is free).
    expect(await r1.stop("SIGTERM")).toBe(0);
    sim.setWebhook({ url: r2.webhookUrl, secret: SECRET });
    const second = await declare(sim, "Search is down");
    await waitFor("the second on-call notice", () => onCallNotice(sim!, second) !== undefined);
    expect(onCallNotice(sim, second)!.body).toMatch(/@frank you are on call/);
  }, 90_000);

  it("a replica started after another stopped starts warm: its first sweep asks conditionally and reads no settings (ETags and settings in Redis)", async () => {
    const github = await replicaGitHub({ oncall: { primary: "erin" }, severity: { postmortem: [] } });
    sim = github.sim;
    const prefix = `${redis.prefix}-${round++}`;
    const vars = { EXPEDITE_SCHEDULE_INTERVAL: "2s", LOG_LEVEL: "info" };
    apps = [await startReplica("r1", { ...github, redisUrl: redis.url, prefix, vars })];
    sim.setWebhook({ url: apps[0]!.webhookUrl, secret: SECRET });
    const number = await declare(sim, "Checkout errors");
    await waitFor("the on-call notice", () => onCallNotice(sim!, number) !== undefined);
    const ticks = (app: ProductionApp) => app.output.filter((l) => l.includes('"msg":"sweep tick"')).length;
    // Two more ticks after the incident settled: the first replica's sweeps have read everything once.
    const seen = ticks(apps[0]!);
    await waitFor("two more sweeps", () => ticks(apps[0]!) >= seen + 2);
    expect(await apps[0]!.stop("SIGTERM")).toBe(0);

    // A new process, nothing in its memory; nothing changed on GitHub meanwhile.
    const from = sim.requests.length;
    apps = [await startReplica("r2", { ...github, redisUrl: redis.url, prefix, vars })];
    await waitFor("its first sweep", () => ticks(apps[0]!) >= 1 && sweepListings(sim!, from).length > 0);
    const listings = sweepListings(sim, from);
    // The open incidents' listing comes back 304 (free) on the first ask, as it would for a warm process…
    expect(listings[0]!.status).toBe(304);
    // …and the configuration is not read at all: the settings are in Redis.
    const reads = sim.requests.slice(from).filter((r) => r.identity === BOT && r.method === "GET");
    expect(reads.filter((r) => r.route === "/repos/{owner}/{repo}/contents/{path}")).toEqual([]);
  }, 90_000);
});

/** The sweep's listing of open incidents, from request `from` on. */
function sweepListings(s: Simulator, from: number) {
  return s.requests
    .slice(from)
    .filter(
      (r) =>
        r.identity === BOT &&
        r.route === "/repos/{owner}/{repo}/issues" &&
        r.query.labels === "incident" &&
        r.query.state === "open",
    );
}
