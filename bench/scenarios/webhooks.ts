// 2. Webhook handling: signed deliveries at increasing rates into the real Probot server, against the
// simulator with no latency and with 50–150 ms per request, next to a bare Probot app doing the minimum.
import { createHmac } from "node:crypto";
import { personClient } from "@expedite/github-simulator";
import type { RecordedRequest } from "@expedite/github-simulator";
import { formBody, SEV3 } from "../../test/harness/index.js";
import { APP_ID, BOT, FULL, OWNER, REPO, SECRET, seedIncidents, startHarness } from "../lib/harness.js";
import type { Harness } from "../lib/harness.js";
import { injectedDelay, isWrite } from "../lib/requests.js";
import { percentile, round } from "../lib/format.js";
import { startBareApp } from "./bareApp.js";

export interface RateRun {
  app: "expedite" | "bare";
  latency: "0 ms" | "50–150 ms";
  rate: number;
  deliveries: number;
  /** Deliveries whose work finished (a write landed) per second, from the first send to the last write. */
  throughput: number;
  ack: { p50: number; p99: number };
  lastWrite: { p50: number; p99: number };
  /** Requests that count against the rate limit (not 304s), per delivery. */
  requestsPerDelivery: number;
  conditionalPerDelivery: number;
  writesPerDelivery: number;
  non2xx: number;
  withoutWrite: number;
  wallMs: number;
}

export interface WebhookOptions {
  rates: Array<{ rate: number; count: number; countWithLatency: number }>;
}

export const DEFAULT_RATES: WebhookOptions["rates"] = [
  { rate: 5, count: 20, countWithLatency: 15 },
  { rate: 20, count: 60, countWithLatency: 40 },
  { rate: 50, count: 150, countWithLatency: 60 },
];

export interface Prepared {
  id: string;
  number: number;
  body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fresh `/note` commands on the first `count` incidents, captured as the webhooks GitHub would send. */
export async function prepare(
  h: Harness,
  incidents: number[],
  count: number,
  tag: string,
): Promise<Prepared[]> {
  const bob = personClient(h.sim, "bob");
  const d0 = h.sim.deliveries.length;
  for (let i = 0; i < count; i++) {
    await bob.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: incidents[i]!,
      body: `/note load test ${tag} #${i}: error rate back under 1%`,
    });
  }
  return h.sim.deliveries
    .slice(d0)
    .filter((d) => d.event === "issue_comment")
    .map((d) => ({
      id: `${d.id}-${tag}`,
      number: (d.payload as { issue: { number: number } }).issue.number,
      body: JSON.stringify(d.payload),
    }));
}

export async function send(url: string, delivery: Prepared, installationId?: number): Promise<number> {
  // The bare app runs as a second installation of the App, so the two do not share one hour of quota.
  const body =
    installationId === undefined
      ? delivery.body
      : JSON.stringify({ ...JSON.parse(delivery.body), installation: { id: installationId } });
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-delivery": delivery.id,
      "x-hub-signature-256": signature,
      "user-agent": "GitHub-Hookshot/bench",
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

interface Target {
  url: string;
  idle: () => Promise<void>;
  installationId?: number;
  identity: string;
}

async function runOnce(
  h: Harness,
  target: Target,
  prepared: Prepared[],
  rate: number,
  latency: boolean,
): Promise<Omit<RateRun, "app" | "latency" | "rate">> {
  const random = seeded(rate * 7 + (latency ? 1 : 0));
  if (latency) {
    for (let i = 0; i < prepared.length * 20 + 200; i++)
      h.sim.addFault({ delayMs: 50 + Math.floor(random() * 101), times: 1 });
  }
  const r0 = h.sim.requests.length;
  const start = Date.now();
  const results = await Promise.all(
    prepared.map(async (delivery, i) => {
      await sleep(Math.max(0, start + (i * 1000) / rate - Date.now()));
      const sentAt = Date.now();
      const status = await send(target.url, delivery, target.installationId).catch(() => 0);
      return { delivery, sentAt, ackAt: Date.now(), status };
    }),
  );
  // Expedite answers first and works after; wait for its queue (bounded: the run is over at 90 s).
  await Promise.race([target.idle(), sleep(90_000)]);
  const wallMs = Date.now() - start;
  h.sim.clearFaults();
  const requests = h.sim.requests.slice(r0).filter((r) => r.identity === target.identity);
  const issueOf = commentIssueMap(
    h,
    prepared.map((p) => p.number),
  );
  const lastWrite = new Map<number, number>();
  for (const r of requests) {
    if (!isWrite(r)) continue;
    const issue = issueFor(r, issueOf);
    if (issue === undefined) continue;
    const landed = r.at + injectedDelay(r);
    lastWrite.set(issue, Math.max(lastWrite.get(issue) ?? 0, landed));
  }
  const acks = results.map((r) => r.ackAt - r.sentAt);
  const writes = results
    .map((r) => (lastWrite.get(r.delivery.number) ?? Number.NaN) - r.sentAt)
    .filter((v) => Number.isFinite(v));
  const lastLanded = Math.max(...results.map((r) => lastWrite.get(r.delivery.number) ?? 0));
  return {
    deliveries: prepared.length,
    throughput: round(writes.length / Math.max(0.001, (lastLanded - start) / 1000), 1),
    ack: { p50: percentile(acks, 50), p99: percentile(acks, 99) },
    lastWrite: { p50: percentile(writes, 50), p99: percentile(writes, 99) },
    requestsPerDelivery: round(requests.filter((r) => r.status !== 304).length / prepared.length, 2),
    conditionalPerDelivery: round(requests.filter((r) => r.status === 304).length / prepared.length, 2),
    writesPerDelivery: round(requests.filter(isWrite).length / prepared.length, 2),
    non2xx: results.filter((r) => r.status < 200 || r.status >= 300).length,
    withoutWrite: prepared.length - writes.length,
    wallMs,
  };
}

function commentIssueMap(h: Harness, numbers: number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const n of new Set(numbers)) for (const c of h.sim.comments(FULL, n)) map.set(c.id, n);
  return map;
}

function issueFor(r: RecordedRequest, issueOf: Map<number, number>): number | undefined {
  const direct = /\/issues\/(\d+)(\/|$)/.exec(r.path);
  if (direct) return Number(direct[1]);
  const viaComment = /\/issues\/comments\/(\d+)/.exec(r.path);
  return viaComment ? issueOf.get(Number(viaComment[1])) : undefined;
}

export async function webhooks(options: WebhookOptions = { rates: DEFAULT_RATES }): Promise<RateRun[]> {
  const h = await startHarness({ config: { severity: { postmortem: [1] } } });
  const bare = await startBareApp(h);
  const runs: RateRun[] = [];
  try {
    const most = Math.max(...options.rates.map((r) => Math.max(r.count, r.countWithLatency)));
    const body = formBody({
      Summary: "Checkout is slow",
      Severity: SEV3,
      "Applications impacted": "checkout-web",
    });
    const incidents = await seedIncidents(h, most + 3, body);
    const spare = incidents.slice(most);
    const targets: Record<"expedite" | "bare", Target> = {
      expedite: { url: h.app.webhookUrl, idle: () => h.app.expedite.queue.idle(), identity: BOT },
      bare: {
        url: bare.webhookUrl,
        idle: () => Promise.resolve(),
        installationId: h.sim.installApp(APP_ID, OWNER, [FULL]),
        identity: BOT,
      },
    };
    // Warm up both servers (tokens, bot login, JIT) on incidents the measured runs do not use.
    for (const target of Object.values(targets)) {
      for (const delivery of await prepare(h, spare, spare.length, `warm-${Math.random()}`)) {
        await send(target.url, delivery, target.installationId);
        await target.idle();
      }
    }
    for (const latency of [false, true]) {
      for (const { rate, count, countWithLatency } of options.rates) {
        for (const app of ["expedite", "bare"] as const) {
          const n = latency ? countWithLatency : count;
          const prepared = await prepare(h, incidents, n, `${app}-${rate}-${latency ? "lat" : "0"}`);
          const run = await runOnce(h, targets[app], prepared, rate, latency);
          runs.push({ app, latency: latency ? "50–150 ms" : "0 ms", rate, ...run });
          process.stdout.write(
            `  webhooks: ${app} ${rate}/s ${latency ? "50–150 ms" : "0 ms"}: p50 last write ${run.lastWrite.p50} ms (${run.wallMs} ms)\n`,
          );
        }
      }
    }
  } finally {
    await bare.stop();
    await h.close();
  }
  return runs;
}
