// 5. Organisation scale (issue "A production App"): the App's scheduled sweep over many repositories, one
// installation or fifty, 1 % of repositories with an open incident, with no configuration file, one in
// the organisation's .github repository, or one per repository. For each: the first sweep of a fresh
// process, one ordinary tick (the scheduler's cadence: only repositories with something going on), and a
// warm sweep of every repository (what the slow cadence costs every ten ticks); charged requests (304s are
// free), wall time on loopback and projected at 100 ms per request, and the charged requests an hour
// against GitHub's 12,500 per installation. Plus: an /ack during a cold first sweep, and deadline lateness
// measured on the real clock with the scheduler and wake-ups running.
import { generateKeyPairSync } from "node:crypto";
import { pino } from "pino";
import { stringify } from "yaml";
import { startSimulator, personClient } from "@expedite/github-simulator";
import type { Simulator, RecordedRequest } from "@expedite/github-simulator";
import { startAppServer } from "../../src/app/startAppServer.js";
import type { AppServer } from "../../src/app/startAppServer.js";
import { ManualClock } from "../../src/core/time/clock.js";
import { formBody, SEV3 } from "../../test/harness/index.js";
import { round } from "../lib/format.js";

const APP_ID = 4300;
const SECRET = "org-bench-secret";
const BOT = "expedite[bot]";
/** GitHub's ceiling for one installation's requests an hour (organisations with many repositories). */
export const INSTALLATION_CAP = 12_500;
// Tuesday 2026-11-17, 10:00 in New York: business hours, nothing falls due during the run.
const START = Date.parse("2026-11-17T15:00:00Z");
const CONCURRENCY = 4;
const QUIET = {
  acknowledge: { within_business_hours: "1d", outside_business_hours: "1d" },
  escalation: { ladders: [{ name: "slow", when: {}, steps: [{ after: "2d", notify: ["@erin"] }] }] },
  updates: { cadence: { "3": "2d" } },
  severity: { postmortem: [] },
};

export type ConfigSetup = "none" | "org .github" | "per repository";

export interface Phase {
  charged: number;
  conditional: number;
  writes: number;
  wallMs: number;
  /** Requests spread over the sweep's 4 lanes at 100 ms each, plus the loopback time. */
  projectedMsAt100ms: number;
}

export interface OrgSweepRun {
  repos: number;
  installations: number;
  config: ConfigSetup;
  first: Phase;
  tick: Phase;
  warmFull: Phase;
  /** At a one-minute interval: 60 ticks an hour, each idle repository swept 6 times an hour. */
  chargedPerHour: number;
  /** The busiest installation's share of GitHub's 12,500 an hour. */
  capShare: number;
  firstToWarmRatio: number;
}

interface Org {
  sim: Simulator;
  app: AppServer;
  clock: ManualClock;
  incidents: Array<{ repo: string; number: number }>;
  close: () => Promise<void>;
}

async function org(
  repos: number,
  installations: number,
  config: ConfigSetup,
  realClock = false,
  extraConfig: Record<string, unknown> = {},
): Promise<Org> {
  const clock = new ManualClock(START);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  const sim = await startSimulator({
    ...(realClock ? {} : { clock: clock.now }),
    validate: false,
    enforceRateLimits: false,
    apps: [{ id: APP_ID, slug: "expedite", name: "Expedite", publicKeyPem: publicKey }],
    installationTokenTtlMs: 30 * 24 * 3_600_000,
  });
  const yaml = stringify({ ...QUIET, ...extraConfig });
  const perInstallation = Math.ceil(repos / installations);
  const incidents: Org["incidents"] = [];
  for (let i = 0; i < installations; i++) {
    const owner = `org-${i}`;
    sim.addUser(`lead-${i}`, { orgs: [owner] });
    const names: string[] = [];
    for (let r = 0; r < perInstallation && i * perInstallation + r < repos; r++) {
      const name = `svc-${r}`;
      names.push(`${owner}/${name}`);
      sim.createRepo({
        owner,
        name,
        defaultBranch: "main",
        ownerType: "Organization",
        files: { "README.md": "x", ...(config === "per repository" ? { ".github/expedite.yml": yaml } : {}) },
      });
      sim.setPermission(`${owner}/${name}`, `lead-${i}`, "write");
    }
    if (config === "org .github") {
      sim.createRepo({
        owner,
        name: ".github",
        defaultBranch: "main",
        ownerType: "Organization",
        files: { ".github/expedite.yml": yaml },
      });
      names.push(`${owner}/.github`);
    }
    sim.installApp(APP_ID, owner, names);
  }
  // 1 % of repositories (at least one) have an open incident, spread over the installations.
  const withIncident = Math.max(1, Math.round(repos / 100));
  for (let k = 0; k < withIncident; k++) {
    const i = k % installations;
    const r = Math.floor(k / installations) * 7 + 3;
    const repo = `org-${i}/svc-${r % perInstallation}`;
    const [owner, name] = repo.split("/") as [string, string];
    const { data } = await personClient(sim, `lead-${i}`).request("POST /repos/{owner}/{repo}/issues", {
      owner,
      repo: name,
      title: `Incident ${k}`,
      body: formBody({ Summary: `Incident ${k}`, Severity: SEV3 }),
      labels: ["incident"],
    });
    incidents.push({ repo, number: data.number });
  }
  const app = await startAppServer({
    appId: APP_ID,
    privateKey,
    secret: SECRET,
    baseUrl: sim.url,
    ...(realClock ? { scheduleIntervalMs: 60_000 } : { clock: clock.now, scheduleIntervalMs: 0 }),
    deliveryRecovery: false,
    log: pino({ level: process.env.ORG_DEBUG ? "warn" : "silent" }),
    throttle: { fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 },
  });
  return {
    sim,
    app,
    clock,
    incidents,
    close: async () => {
      await app.stop();
      await sim.close();
    },
  };
}

async function phase(o: Org, cadence: boolean): Promise<Phase> {
  const from = o.sim.requests.length;
  const t0 = performance.now();
  await o.app.expedite.sweepAll({ cadence });
  await o.app.expedite.queue.idle();
  const wallMs = Math.round(performance.now() - t0);
  const mine = o.sim.requests.slice(from).filter((r) => r.identity === BOT || r.identity.startsWith("app:"));
  const conditional = mine.filter((r) => r.status === 304).length;
  const writes = mine.filter((r: RecordedRequest) => r.method !== "GET" && r.method !== "HEAD").length;
  const charged = mine.length - conditional;
  return {
    charged,
    conditional,
    writes,
    wallMs,
    projectedMsAt100ms: wallMs + Math.round((mine.length / CONCURRENCY) * 100),
  };
}

export async function orgSweep(
  repos: number,
  installations: number,
  config: ConfigSetup,
  log: (line: string) => void,
): Promise<OrgSweepRun> {
  const o = await org(repos, installations, config);
  try {
    const first = await phase(o, true);
    // The tick right after the first sweep still sees the first sweep's own writes (boards, labels) as
    // changes; the steady state is the tick after that.
    o.clock.advance(60_000);
    await phase(o, true);
    o.clock.advance(60_000);
    const tick = await phase(o, true);
    o.clock.advance(60_000);
    const warmFull = await phase(o, false);
    const idleCost = Math.max(0, warmFull.charged - tick.charged);
    const chargedPerHour = 60 * tick.charged + 6 * idleCost;
    const run: OrgSweepRun = {
      repos,
      installations,
      config,
      first,
      tick,
      warmFull,
      chargedPerHour,
      capShare: round(chargedPerHour / installations / INSTALLATION_CAP, 3),
      firstToWarmRatio: round(first.charged / Math.max(1, warmFull.charged), 2),
    };
    log(
      `  ${repos} repos / ${installations} inst. / ${config}: first ${first.charged} charged (${first.wallMs} ms), tick ${tick.charged} (${tick.conditional} × 304), warm full ${warmFull.charged} (${warmFull.conditional} × 304), ${chargedPerHour}/h`,
    );
    return run;
  } finally {
    await o.close();
  }
}

export interface AckDuringSweep {
  repos: number;
  /** From the /ack comment to its last write (the acknowledged label and the board), ms. */
  ackToLastWriteMs: number;
  /** How long the cold first sweep took in all. */
  sweepMs: number;
}

/** An /ack arrives while the first sweep of a fresh process is working through every repository. */
export async function ackDuringColdSweep(repos: number): Promise<AckDuringSweep> {
  const o = await org(repos, 1, "none");
  try {
    // The incident is already reconciled once (board posted) by its own webhook-free sweep of that repo.
    const target = o.incidents[0]!;
    const [owner, name] = target.repo.split("/") as [string, string];
    o.sim.setWebhook({ url: o.app.webhookUrl, secret: SECRET });
    const t0 = performance.now();
    const sweep = o.app.expedite.sweepAll({ cadence: true }).then(() => performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = performance.now();
    await personClient(o.sim, "lead-0").request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner,
      repo: name,
      issue_number: target.number,
      body: "/ack",
    });
    const board = () =>
      o.sim
        .comments(target.repo, target.number)
        .find((c) => c.user === BOT && c.body.startsWith("<!-- expedite:board"));
    while (!(
      o.sim.issue(target.repo, target.number)?.labels.includes("incident:acknowledged") &&
      /acknowledged/i.test(board()?.body ?? "")
    ))
      await new Promise((resolve) => setTimeout(resolve, 20));
    const ackToLastWriteMs = Math.round(performance.now() - asked);
    const sweepMs = Math.round(await sweep);
    await o.app.expedite.queue.idle();
    return { repos, ackToLastWriteMs, sweepMs };
  } finally {
    await o.close();
  }
}

export interface Lateness {
  repos: number;
  notices: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Deadline lateness on the real clock: the App runs its scheduler (one-minute interval) and wake-ups over
 * `repos` repositories; incidents whose acknowledgement is due a minute after declaration breach it, and
 * the lateness of each breach notice is read from the comment's time against the due time.
 */
export async function deadlineLateness(repos: number): Promise<Lateness> {
  const o = await org(repos, 1, "per repository", true, {
    acknowledge: { within_business_hours: "1m", outside_business_hours: "1m" },
  });
  try {
    o.sim.setWebhook({ url: o.app.webhookUrl, secret: SECRET });
    // Declared now (again, by label, so the clock starts with the App listening).
    const declared: Array<{ repo: string; number: number; at: number }> = [];
    for (const incident of o.incidents.slice(0, 10)) {
      const [owner, name] = incident.repo.split("/") as [string, string];
      const { data } = await personClient(o.sim, "lead-0").request("POST /repos/{owner}/{repo}/issues", {
        owner,
        repo: name,
        title: "Timed incident",
        body: formBody({ Summary: "Timed", Severity: SEV3 }),
        labels: ["incident"],
      });
      declared.push({ repo: incident.repo, number: data.number, at: Date.parse(data.created_at) });
    }
    const breach = (d: (typeof declared)[number]) =>
      o.sim
        .comments(d.repo, d.number)
        .find((c) => c.user === BOT && c.body.startsWith("<!-- expedite:notice type=ack-breach"));
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && declared.some((d) => !breach(d)))
      await new Promise((resolve) => setTimeout(resolve, 500));
    const late = declared
      .map((d) => {
        const notice = breach(d);
        return notice ? (Date.parse(notice.created_at) - (d.at + 60_000)) / 1000 : Number.POSITIVE_INFINITY;
      })
      .sort((a, b) => a - b);
    const at = (p: number) => late[Math.min(late.length - 1, Math.ceil((p / 100) * late.length) - 1)] ?? 0;
    return {
      repos,
      notices: late.filter(Number.isFinite).length,
      p50: at(50),
      p99: at(99),
      max: late.at(-1) ?? 0,
    };
  } finally {
    await o.close();
  }
}
