// Sustained webhooks on N replicas: signed `/note` deliveries at a steady rate for minutes into the
// production bundle (dist/app.js as child processes), once as one embedded process and once as three
// replicas sharing a real redis-server behind a round-robin balancer, against the simulator at 50–150 ms a
// request. Then the same three replicas with one of them SIGKILLed mid-burst: how long until the work it
// had accepted is done by the others.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formBody, SEV3 } from "../../test/harness/index.js";
import { startTestRedis } from "../../test/e2e/support/redisServer.js";
import { startBalancer, startReplica } from "../../test/e2e/support/replicas.js";
import type { ProductionApp } from "../../test/e2e/support/productionApp.js";
import { BOT, OWNER, REPO, SECRET, seedIncidents, startHarness } from "../lib/harness.js";
import type { Harness } from "../lib/harness.js";
import { percentile, round } from "../lib/format.js";
import { personClient } from "@expedite/github-simulator";
import { send } from "./webhooks.js";
import type { Prepared, RateRun } from "./webhooks.js";

/** As scenario 2's runs (`ack`: time to the 2xx, the job in Redis or in memory), sustained for minutes. */
export interface SustainedRun extends Pick<RateRun, "rate" | "deliveries" | "ack" | "non2xx"> {
  setup: string;
  seconds: number;
  /** Time from sending a `/note` to the bot's 👍 on it (its reconcile's writes), ms. */
  handled: RateRun["ack"];
  /** Deliveries answered 2xx whose command never got its 👍. */
  lost: number;
  /** From the first send until the last 👍, s. */
  wallSeconds: number;
}

export interface KillRun {
  replicas: number;
  lockTtlSeconds: number;
  deliveries: number;
  /** Deliveries answered 2xx before the kill whose 👍 came after it. */
  inFlightAtKill: number;
  /** From the SIGKILL until the last of those got its 👍, s. */
  recoverySeconds: number;
  lost: number;
  non2xx: number;
}

export interface ReplicaBench {
  runs: SustainedRun[];
  kill: KillRun;
}

/** Incidents per setup: 6,000 deliveries over 200 incidents is 30 commands on each in two minutes. */
const PER_SETUP = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 50–150 ms on every request, topped up as requests are made (the fault book is consumed in order). */
function latency(h: Harness): () => void {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  let added = 0;
  const top = () => {
    const want = h.sim.requests.length + 3_000;
    for (; added < want; added++) h.sim.addFault({ delayMs: 50 + Math.floor(random() * 101), times: 1 });
  };
  top();
  const timer = setInterval(top, 250);
  return () => {
    clearInterval(timer);
    h.sim.clearFaults();
  };
}

/** When the bot reacted 👍 to each comment (from the simulator's log of applied writes). */
function thumbsUp(h: Harness): Map<number, number> {
  const at = new Map<number, number>();
  for (const r of h.sim.requests) {
    if (r.method !== "POST" || r.identity !== BOT || !r.applied) continue;
    const m = /\/issues\/comments\/(\d+)\/reactions$/.exec(r.path);
    if (m && !at.has(Number(m[1]))) at.set(Number(m[1]), r.at);
  }
  return at;
}

interface Sent {
  comment: number;
  /** When the comment existed on GitHub (and GitHub would send its webhook). */
  createdAt: number;
  sentAt: number;
  ackAt: number;
  status: number;
}

/**
 * A person comments `/note …` on incident `number` (through the simulator's API, as on github.com), and the
 * delivery GitHub records for it is signed and sent to `url` at once: the load is people writing commands,
 * each comment appearing only when its webhook is sent.
 */
async function commentAndDeliver(h: Harness, url: string, number: number, tag: string): Promise<Sent> {
  const { data } = await personClient(h.sim, "bob").request(
    "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    { owner: OWNER, repo: REPO, issue_number: number, body: `/note ${tag}: error rate back under 1%` },
  );
  const createdAt = Date.now();
  const comment = Number(data.id);
  let recorded: Prepared | undefined;
  for (let i = h.sim.deliveries.length - 1; i >= 0 && !recorded; i--) {
    const d = h.sim.deliveries[i]!;
    if (d.event === "issue_comment" && (d.payload as { comment?: { id?: number } }).comment?.id === comment)
      recorded = { id: d.id, number, body: JSON.stringify(d.payload) };
  }
  if (!recorded) throw new Error(`no delivery recorded for comment ${comment}`);
  const sentAt = Date.now();
  const status = await send(url, recorded).catch(() => 0);
  return { comment, createdAt, sentAt, ackAt: Date.now(), status };
}

/** `count` commands at `rate` a second, round-robin over `incidents`; `halfway` runs once, mid-way. */
async function sustain(
  h: Harness,
  url: string,
  incidents: number[],
  count: number,
  rate: number,
  tag: string,
  halfway?: () => Promise<void>,
): Promise<Sent[]> {
  const start = Date.now();
  let during: Promise<void> | undefined;
  const sent = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await sleep(Math.max(0, start + (i * 1000) / rate - Date.now()));
      if (i === Math.floor(count / 2) && halfway) during = halfway();
      return commentAndDeliver(h, url, incidents[i % incidents.length]!, `${tag} #${i}`);
    }),
  );
  await during;
  return sent;
}

/** Waits until every accepted delivery's comment has its 👍, or `ms` pass. */
async function drain(h: Harness, sent: Sent[], ms: number): Promise<Map<number, number>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const thumbs = thumbsUp(h);
    const pending = sent.filter((s) => s.status < 300 && !thumbs.has(s.comment));
    if (pending.length === 0 || Date.now() > deadline) return thumbs;
    await sleep(500);
  }
}

export async function replicaBench(
  log: (line: string) => void,
  options: { rate?: number; seconds?: number } = {},
): Promise<ReplicaBench> {
  const rate = options.rate ?? 50;
  const seconds = options.seconds ?? 120;
  const count = rate * seconds;
  const h = await startHarness({ enforceRateLimits: false, config: { severity: { postmortem: [] } } });
  // The in-process App only seeds the incidents; the measured Apps are the production bundle.
  await h.app.stop();
  const redis = await startTestRedis("replicas-bench.ts");
  const keyDir = mkdtempSync(join(tmpdir(), "expedite-bench-key-"));
  const privateKeyPath = join(keyDir, "app.pem");
  writeFileSync(privateKeyPath, h.privateKey, { mode: 0o600 });
  const apps: ProductionApp[] = [];
  const balancer = await startBalancer();
  const webhookUrl = `${balancer.url}/api/github/webhooks`;
  const runs: SustainedRun[] = [];
  try {
    const body = formBody({ Summary: "Checkout is slow", Severity: SEV3 });
    // Each setup gets incidents of its own, so no run reads timelines another run made longer.
    const incidents = await seedIncidents(h, 3 * PER_SETUP, body);
    const start = async (n: number, prefix?: string) => {
      const started = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          startReplica(`r${i + 1}`, {
            sim: h.sim,
            privateKeyPath,
            ...(prefix ? { redisUrl: redis.url, prefix } : {}),
            vars: {
              WEBHOOK_SECRET: SECRET,
              LOG_LEVEL: "warn",
              EXPEDITE_WRITE_SPACING_MS: "0",
              EXPEDITE_SCHEDULE_INTERVAL: "1m",
            },
          }),
        ),
      );
      apps.push(...started);
      balancer.backends = started.map((a) => a.webhookUrl);
      return started;
    };
    const stopAll = async () => {
      await Promise.all(apps.map((a) => a.stop("SIGKILL")));
      apps.length = 0;
    };

    const measure = async (setup: string, replicas: number, prefix?: string): Promise<SustainedRun> => {
      const own = incidents.splice(0, PER_SETUP);
      await start(replicas, prefix);
      // Warm-up: tokens, the bot's login, settings, JIT, on a few commands not measured.
      await drain(h, await sustain(h, webhookUrl, own.slice(0, 20), 20, 20, `${setup} warm-up`), 60_000);
      const stopLatency = latency(h);
      const began = Date.now();
      const sent = await sustain(h, webhookUrl, own, count, rate, setup);
      const thumbs = await drain(h, sent, 180_000);
      stopLatency();
      const accepted = sent.filter((s) => s.status >= 200 && s.status < 300);
      const handled = accepted
        .map((s) => (thumbs.get(s.comment) ?? Number.NaN) - s.createdAt)
        .filter(Number.isFinite);
      const last = Math.max(...accepted.map((s) => thumbs.get(s.comment) ?? 0));
      const acks = sent.map((s) => s.ackAt - s.sentAt);
      await stopAll();
      const run: SustainedRun = {
        setup,
        rate,
        seconds,
        deliveries: sent.length,
        ack: { p50: percentile(acks, 50), p99: percentile(acks, 99) },
        handled: { p50: percentile(handled, 50), p99: percentile(handled, 99) },
        non2xx: sent.length - accepted.length,
        lost: accepted.length - handled.length,
        wallSeconds: round((last - began) / 1000, 1),
      };
      log(`  replicas: ${setup}: 👍 p50 ${run.handled.p50} ms, p99 ${run.handled.p99} ms, lost ${run.lost}`);
      return run;
    };
    runs.push(await measure("1 process (embedded)", 1));
    runs.push(await measure("3 replicas + Redis", 3, `${redis.prefix}-sustained`));

    // Recovery: three replicas, one SIGKILLed halfway through a shorter burst.
    const killCount = rate * Math.min(seconds, 60);
    const own = incidents.splice(0, PER_SETUP);
    const started = await start(3, `${redis.prefix}-kill`);
    await drain(h, await sustain(h, webhookUrl, own.slice(0, 20), 20, 20, "kill warm-up"), 60_000);
    const stopLatency = latency(h);
    let killedAt = 0;
    const sent = await sustain(h, webhookUrl, own, killCount, rate, "kill", async () => {
      const victim = started[1]!;
      victim.child.kill("SIGKILL");
      killedAt = Date.now();
      balancer.backends = started.filter((a) => a !== victim).map((a) => a.webhookUrl);
      await victim.exited;
    });
    const thumbs = await drain(h, sent, 180_000);
    stopLatency();
    const accepted = sent.filter((s) => s.status >= 200 && s.status < 300);
    const inFlight = accepted.filter(
      (s) => s.ackAt <= killedAt && (thumbs.get(s.comment) ?? Infinity) > killedAt,
    );
    const recoveredAt = Math.max(killedAt, ...inFlight.map((s) => thumbs.get(s.comment) ?? 0));
    const kill: KillRun = {
      replicas: 3,
      lockTtlSeconds: 30,
      deliveries: sent.length,
      inFlightAtKill: inFlight.length,
      recoverySeconds: round((recoveredAt - killedAt) / 1000, 1),
      lost: accepted.filter((s) => !thumbs.has(s.comment)).length,
      non2xx: sent.length - accepted.length,
    };
    log(
      `  replicas: kill: ${kill.inFlightAtKill} in flight, recovered in ${kill.recoverySeconds} s, lost ${kill.lost}`,
    );
    await stopAll();
    return { runs, kill };
  } finally {
    await Promise.all(apps.map((a) => a.stop("SIGKILL")));
    await balancer.close();
    await redis.stop();
    await h.sim.close();
  }
}
