// `npm run bench`: API calls per event, webhook handling, sweep scaling and Action start-up, each next to
// its floor or a baseline measured in the same run. Prints tables and writes bench/results.json.
//
// BENCH_SIZES=10,100 limits the sweep sizes (default 10,100,1000); BENCH_ONLY=events,webhooks,sweeps,startup
// runs a subset (and replaces only those sections of bench/results.json). `npm run bench -- replicas` (or
// BENCH_ONLY=replicas) runs the N-replica scenario, which is not in the default set: it needs a
// redis-server (REDIS_URL, or the Debian package) and takes about ten minutes (BENCH_REPLICA_SECONDS=120).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { freeze, lifecycle, variantName } from "./scenarios/events.js";
import type { ScenarioResult } from "./scenarios/events.js";
import { webhooks } from "./scenarios/webhooks.js";
import type { RateRun } from "./scenarios/webhooks.js";
import { incidentSweeps, pullSweeps } from "./scenarios/sweeps.js";
import type { SweepRun } from "./scenarios/sweeps.js";
import { startup } from "./scenarios/startup.js";
import { orgSweep, ackDuringColdSweep, deadlineLateness, INSTALLATION_CAP } from "./scenarios/orgSweeps.js";
import type { OrgSweepRun, AckDuringSweep, Lateness } from "./scenarios/orgSweeps.js";
import type { StartupRun } from "./scenarios/startup.js";
import { clientOverhead } from "./scenarios/clientOverhead.js";
import { replicaBench } from "./scenarios/replicas.js";
import type { ReplicaBench } from "./scenarios/replicas.js";
import type { ClientOverhead } from "./scenarios/clientOverhead.js";
import { fmt, ratio, round, table } from "./lib/format.js";
import type { Cell } from "./lib/format.js";
import { shortRoute } from "./lib/requests.js";

const sizes = (process.env.BENCH_SIZES ?? "10,100,1000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const named = process.argv.slice(2).filter((a) => /^[a-z]+$/.test(a));
const only = new Set(
  (named.length > 0
    ? named.join(",")
    : (process.env.BENCH_ONLY ?? "events,webhooks,sweeps,startup,org")
  ).split(","),
);
// Organisation scale (section "org"): repositories in one installation; BENCH_ORG_SIZES=100,1000 skips 5,000.
const orgSizes = (process.env.BENCH_ORG_SIZES ?? "100,1000,5000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const began = performance.now();
const log = (line: string) => console.log(line);
const timings: Record<string, number> = {};

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  log(`\n▶ ${name}`);
  const result = await work();
  timings[name] = Math.round(performance.now() - t0);
  log(`  (${(timings[name] / 1000).toFixed(1)} s)`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Run.

const events: ScenarioResult[] = [];
if (only.has("events")) {
  for (const [mode, checkout] of [
    ["app", false],
    ["action", true],
    ["action", false],
  ] as const) {
    const name = `${mode}${mode === "action" ? (checkout ? ", checkout" : ", no checkout") : ""}`;
    events.push(await timed(`lifecycle (${name})`, () => lifecycle(mode, checkout)));
    events.push(await timed(`freeze (${name})`, () => freeze(mode, checkout)));
  }
}
const rateRuns: RateRun[] = only.has("webhooks") ? await timed("webhooks", () => webhooks()) : [];
let sweepRuns: SweepRun[] = [];
let overhead: ClientOverhead | undefined;
if (only.has("sweeps")) {
  overhead = await timed("client overhead", () => clientOverhead());
  sweepRuns = [
    ...(await timed("incident sweeps", () => incidentSweeps(sizes, log))),
    ...(await timed("pull request sweeps", () => pullSweeps(sizes, log))),
  ];
}
const startupRuns: StartupRun[] = only.has("startup") ? await timed("action start-up", () => startup()) : [];
const replicaRuns: ReplicaBench | undefined = only.has("replicas")
  ? await timed("replicas", () =>
      replicaBench(log, { seconds: Number(process.env.BENCH_REPLICA_SECONDS ?? 120) }),
    )
  : undefined;
const orgRuns: OrgSweepRun[] = [];
let ackRun: AckDuringSweep | undefined;
const lateness: Lateness[] = [];
if (only.has("org")) {
  for (const n of orgSizes) orgRuns.push(await timed(`org sweep ${n}`, () => orgSweep(n, 1, "none", log)));
  const mid = orgSizes.includes(1000) ? 1000 : (orgSizes[0] ?? 100);
  for (const config of ["org .github", "per repository"] as const)
    orgRuns.push(await timed(`org sweep ${mid}, ${config}`, () => orgSweep(mid, 1, config, log)));
  orgRuns.push(await timed(`org sweep ${mid} over 50 installations`, () => orgSweep(mid, 50, "none", log)));
  ackRun = await timed(`/ack during a cold sweep of ${mid}`, () => ackDuringColdSweep(mid));
  // Lateness at every size: a deadline's wake-up must not wait for a sweep however many repositories there are.
  for (const n of orgSizes)
    lateness.push(await timed(`deadline lateness over ${n}`, () => deadlineLateness(n)));
}

// ---------------------------------------------------------------------------------------------------------
// Report.

log("\n\n# Expedite benchmark\n");
log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}; simulator on loopback in the same process.`,
);

for (const scenario of events) {
  const rows: Cell[][] = scenario.steps.map((s) => [
    s.step,
    s.kind === "event" ? `${s.deliveries.human}/${s.deliveries.bot}` : "sweep",
    s.requests.reads,
    s.requests.writes,
    s.requests.conditional,
    s.requests.setup + s.requests.auth,
    `${s.floor.reads}+${s.floor.writes}`,
    s.ratio,
    topExcess(s.excess, 3),
  ]);
  const t = scenario.totals;
  rows.push([
    "**total**",
    "",
    t.reads,
    t.writes,
    t.conditional,
    t.setup + t.auth,
    t.floor,
    t.ratio,
    `validation errors: ${scenario.validationErrors}`,
  ]);
  table(
    `1. API calls per event — ${scenario.scenario} (${variantName(scenario)})`,
    [
      "step",
      "deliveries people/bot",
      "reads",
      "writes",
      "304",
      "once (labels+auth)",
      "floor reads+writes",
      "× floor",
      "beyond the floor",
    ],
    rows,
  );
}
for (const scenario of events.filter((s) => s.scenario === "incident lifecycle")) {
  const eventsOnly = scenario.steps.filter((s) => s.kind === "event");
  const perEvent = (n: number) => round(n / eventsOnly.length, 2);
  const reads = eventsOnly.reduce((n, s) => n + s.requests.reads, 0);
  const writes = eventsOnly.reduce((n, s) => n + s.requests.writes, 0);
  const floor = eventsOnly.reduce((n, s) => n + s.floor.total, 0);
  table(
    `1b. Lifecycle requests beyond the floor, by route (${variantName(scenario)}; ${eventsOnly.length} events: ${perEvent(reads + writes)} requests/event vs floor ${perEvent(floor)} = ${ratio(reads + writes, floor)}×)`,
    ["route", "excess requests", "per event"],
    Object.entries(scenario.excess).map(([route, n]) => [shortRoute(route), n, perEvent(n)]),
  );
}

const bare = (r: RateRun) =>
  rateRuns.find((b) => b.app === "bare" && b.rate === r.rate && b.latency === r.latency);
if (rateRuns.length > 0) {
  table(
    "2. Webhook handling — Expedite vs a bare Probot app (same Octokit), signed deliveries of `/note` commands",
    [
      "API latency",
      "rate /s",
      "n",
      "throughput E / bare",
      "2xx p50 / p99 E",
      "2xx p50 / p99 bare",
      "last write p50 / p99 E",
      "last write p50 / p99 bare",
      "overhead (p50 last write E ÷ bare)",
      "requests/delivery E / bare",
      "304/delivery E",
    ],
    rateRuns
      .filter((r) => r.app === "expedite")
      .map((r) => {
        const b = bare(r);
        return [
          r.latency,
          r.rate,
          r.deliveries,
          `${fmt(r.throughput)} / ${fmt(b?.throughput)}`,
          `${fmt(r.ack.p50)} / ${fmt(r.ack.p99)} ms`,
          `${fmt(b?.ack.p50)} / ${fmt(b?.ack.p99)} ms`,
          `${fmt(r.lastWrite.p50)} / ${fmt(r.lastWrite.p99)} ms`,
          `${fmt(b?.lastWrite.p50)} / ${fmt(b?.lastWrite.p99)} ms`,
          b ? ratio(r.lastWrite.p50, b.lastWrite.p50) : undefined,
          `${fmt(r.requestsPerDelivery)} / ${fmt(b?.requestsPerDelivery)}`,
          r.conditionalPerDelivery,
        ];
      }),
  );
}

if (sweepRuns.length > 0) {
  table(
    "3. Sweep scaling — the scheduled reconcile (App), next to the ideal: a page per 100 objects + the writes that changed something",
    [
      "objects",
      "open",
      "sweep",
      "reads",
      "writes",
      "304",
      "ideal reads+writes",
      "× ideal",
      "reads per object",
      "wall (loopback)",
      "wall at 100 ms/request",
      "beyond the ideal",
    ],
    sweepRuns.map((r) => [
      r.objects,
      r.count,
      r.sweep,
      r.requests.reads,
      r.requests.writes,
      r.requests.conditional,
      `${r.floor.reads}+${r.floor.writes}`,
      r.ratio,
      round(r.requests.reads / r.count, 2),
      `${(r.wallMs / 1000).toFixed(1)} s`,
      `${(r.projectedWallMsAt100ms / 1000).toFixed(0)} s`,
      topExcess(r.excess, 2),
    ]),
  );
  const budget = freezeBudget(sweepRuns);
  if (budget) {
    table(
      `3b. A freeze start with ${budget.count} open pull requests under GitHub's limits`,
      ["", "requests", "minutes until every PR is blocked", "share of the 5,000/h installation quota"],
      [
        ["floor: 80 content-creating requests/min", budget.writes, round(budget.writes / 80, 1), ""],
        [
          "floor, if check runs also count against 500 content-creating requests/h",
          budget.writes,
          round(budget.withHourlyCap, 1),
          "",
        ],
        [
          "Expedite, default pacing (1 write/s) at 100 ms/request",
          budget.reads + budget.writes,
          round(budget.pacedMinutes, 1),
          `${Math.round(((budget.reads + budget.writes) / 5000) * 100)} %`,
        ],
        [
          `next tick, nothing changed (${budget.againReads} reads)`,
          budget.againReads,
          "",
          `${Math.round((budget.againReads / 5000) * 100)} % per tick`,
        ],
      ],
    );
  }
  if (overhead) {
    table(
      "3c. One sequential request on loopback (median of " + overhead.requests + ")",
      ["client", "ms"],
      [
        ["plain @octokit/core", overhead.plainMs],
        ["Expedite's Octokit (Probot: auth-app, retry, throttling)", overhead.expediteMs],
      ],
    );
  }
}

if (startupRuns.length > 0) {
  const hello = startupRuns.find((r) => r.name.startsWith("hello"));
  table(
    "4. Action start-up — cold `node <bundle>` for an `issues` event on a non-incident issue (median of runs)",
    ["bundle", "size", "gzip", "first API request", "exit", "× hello (exit)", "requests"],
    startupRuns.map((r) => [
      r.name,
      r.bundleBytes === undefined ? "" : `${round(r.bundleBytes / 1024, 0)} KiB`,
      r.bundleGzipBytes === undefined ? "" : `${round(r.bundleGzipBytes / 1024, 0)} KiB`,
      Number.isFinite(r.firstRequestMs.median) ? `${r.firstRequestMs.median} ms` : "",
      `${r.totalMs.median} ms`,
      hello ? ratio(r.totalMs.median, hello.totalMs.median) : undefined,
      Object.entries(r.requests)
        .map(([route, n]) => `${shortRoute(route)}${n > 1 ? ` ×${n}` : ""}`)
        .join(", "),
    ]),
  );
}

const totalMs = Math.round(performance.now() - began);
if (orgRuns.length > 0) {
  table(
    "Organisation scale: the scheduled sweep (charged requests; 304s are free)",
    [
      "repos",
      "installations",
      "config",
      "first sweep",
      "first wall ms",
      "first at 100 ms, s",
      "tick",
      "tick 304s",
      "warm full",
      "warm 304s",
      "charged/h",
      "share of 12,500/h",
      "first : warm full",
    ],
    orgRuns.map((r) => [
      r.repos,
      r.installations,
      r.config,
      r.first.charged,
      r.first.wallMs,
      round(r.first.projectedMsAt100ms / 1000, 0),
      r.tick.charged,
      r.tick.conditional,
      r.warmFull.charged,
      r.warmFull.conditional,
      r.chargedPerHour,
      `${round(r.capShare * 100, 1)} %`,
      `${r.first.charged} : ${r.warmFull.charged}`,
    ]),
  );
  if (ackRun)
    log(
      `\n/ack during a cold first sweep of ${ackRun.repos} repositories: last write ${ackRun.ackToLastWriteMs} ms after the comment (the sweep took ${ackRun.sweepMs} ms)`,
    );
  for (const late of lateness)
    log(
      `Deadline lateness over ${late.repos} repositories (real clock, scheduler and wake-ups on): ${late.notices} notices, p50 ${late.p50} s, p99 ${late.p99} s, max ${late.max} s (cap ${INSTALLATION_CAP}/h)`,
    );
}

if (replicaRuns) {
  table(
    "7. Sustained webhooks: one process against three replicas on Redis (50–150 ms per request)",
    [
      "setup",
      "rate /s",
      "seconds",
      "deliveries",
      "2xx p50 ms",
      "2xx p99 ms",
      "👍 p50 ms",
      "👍 p99 ms",
      "non-2xx",
      "lost",
      "last 👍 after s",
    ],
    replicaRuns.runs.map((r) => [
      r.setup,
      r.rate,
      r.seconds,
      r.deliveries,
      r.ack.p50,
      r.ack.p99,
      r.handled.p50,
      r.handled.p99,
      r.non2xx,
      r.lost,
      r.wallSeconds,
    ]),
  );
  const k = replicaRuns.kill;
  log(
    `\nOne of ${k.replicas} replicas SIGKILLed mid-burst (${k.deliveries} deliveries, lock TTL ${k.lockTtlSeconds} s): ${k.inFlightAtKill} accepted deliveries not yet handled at the kill, all handled ${k.recoverySeconds} s after it; lost ${k.lost}, non-2xx ${k.non2xx}`,
  );
}

log(
  `\nTotal: ${(totalMs / 1000).toFixed(0)} s (${Object.entries(timings)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`)
    .join(", ")})`,
);

// A partial run (BENCH_ONLY) replaces only its own sections of an existing results.json.
const resultsPath = fileURLToPath(new URL("./results.json", import.meta.url));
const partial = ["events", "webhooks", "sweeps", "startup", "org"].some((s) => !only.has(s));
const previous = (
  partial && existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, "utf8")) : {}
) as Record<string, unknown>;
const stamp = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  durationMs: totalMs,
};
const results = {
  ...previous,
  ...(partial ? { lastPartialRun: { ...stamp, sections: [...only] } } : stamp),
  timings: { ...(previous.timings as object | undefined), ...timings },
  ...(only.has("events") ? { events } : {}),
  ...(only.has("webhooks") ? { webhooks: rateRuns } : {}),
  ...(only.has("sweeps")
    ? {
        sweeps: {
          sizes,
          runs: sweepRuns,
          freezeBudget: freezeBudget(sweepRuns) ?? null,
          clientOverhead: overhead ?? null,
        },
      }
    : {}),
  ...(only.has("startup") ? { startup: startupRuns } : {}),
  ...(only.has("org") ? { org: { runs: orgRuns, ackDuringColdSweep: ackRun ?? null, lateness } } : {}),
  ...(replicaRuns ? { replicas: replicaRuns } : {}),
};
writeFileSync(resultsPath, JSON.stringify(results, replacer, 2) + "\n");
log("Wrote bench/results.json");
// Probot's servers and HTTP keep-alive would hold the process open a while longer; the work is done.
process.exit(0);

// ---------------------------------------------------------------------------------------------------------

function topExcess(excess: Record<string, number>, n: number): string {
  return Object.entries(excess)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([route, count]) => `${shortRoute(route)} ×${count}`)
    .join(", ");
}

/** What the largest measured freeze start needs, against 80 writes/min and at Expedite's default pacing. */
function freezeBudget(runs: SweepRun[]) {
  const starts = runs.filter((r) => r.objects === "pull requests" && r.sweep === "freeze starts");
  const largest = starts.sort((a, b) => b.count - a.count)[0];
  if (!largest) return undefined;
  const again = runs.find(
    (r) => r.objects === "pull requests" && r.count === largest.count && r.sweep.startsWith("next tick"),
  );
  const { reads, writes } = largest.requests;
  // Writes start at most once a second (the throttling plugin's default spacing); reads run in between.
  const pacedMinutes = Math.max(writes * 1, (reads + writes) * 0.1) / 60;
  // GitHub also caps content creation at 500 an hour: the rest waits for the next hour.
  const hours = Math.floor(Math.max(0, writes - 1) / 500);
  const withHourlyCap = hours * 60 + (writes - hours * 500) / 80;
  return {
    count: largest.count,
    reads,
    writes,
    pacedMinutes,
    withHourlyCap,
    againReads: again?.requests.reads ?? 0,
  };
}

function replacer(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
