// A simulated GitHub with one repository and the real Expedite App server against it, for the scenarios
// that need more control than test/harness's World gives (their own clock, no webhook loop, bulk setup).
import { generateKeyPairSync } from "node:crypto";
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { Probot } from "probot";
import { pino } from "pino";
import { stringify } from "yaml";
import { startSimulator, personClient } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import { startAppServer } from "../../src/app/startAppServer.js";
import type { AppServer } from "../../src/app/startAppServer.js";
import type { GitHubContext, OctokitLike } from "../../src/github/types.js";
import { runCaches } from "../../src/github/runCaches.js";
import { repoSettings, trustedBotsFor } from "../../src/reconcile/repoSettings.js";
import { reconcileIncident } from "../../src/reconcile/reconcileIncident.js";

export const OWNER = "acme";
export const REPO = "shop";
export const FULL = `${OWNER}/${REPO}`;
export const APP_ID = 4242;
export const BOT = "expedite[bot]";
export const SECRET = "bench-webhook-secret";
export const PEOPLE = {
  alice: "write",
  bob: "triage",
  dave: "admin",
  erin: "maintain",
  frank: "write",
} as const;
export const PERSON_LOGINS = new Set<string>(Object.keys(PEOPLE));

export interface Harness {
  sim: Simulator;
  app: AppServer;
  privateKey: string;
  installationId: number;
  clock: { now: () => number; set: (ms: number) => void; advance: (ms: number) => void };
  /** A plain Octokit (no throttling or retry plugins) with the App's installation token, for fast setup. */
  fastContext: () => Promise<GitHubContext>;
  close: () => Promise<void>;
}

export interface HarnessOptions {
  /** Epoch ms to start a manual clock at; omitted = the real clock. */
  start?: number;
  config?: Record<string, unknown>;
  /** OpenAPI validation in the simulator (costs simulator CPU in this same process). */
  validate?: boolean;
  /** Refuse requests past the hourly limit (default true); sustained-load runs go far past it. */
  enforceRateLimits?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  let manual = options.start;
  const clock = {
    now: () => manual ?? Date.now(),
    set: (ms: number) => {
      manual = ms;
    },
    advance: (ms: number) => {
      manual = (manual ?? Date.now()) + ms;
    },
  };
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  const sim = await startSimulator({
    clock: clock.now,
    validate: options.validate ?? false,
    enforceRateLimits: options.enforceRateLimits ?? true,
    apps: [{ id: APP_ID, slug: "expedite", name: "Expedite", publicKeyPem: publicKey }],
    installationTokenTtlMs: 30 * 24 * 3_600_000,
  });
  for (const login of Object.keys(PEOPLE)) sim.addUser(login, { orgs: [OWNER] });
  const files: Record<string, string> = { "README.md": "# shop\n", "src/app.ts": "export const a = 1;\n" };
  files[".github/expedite.yml"] = stringify(options.config ?? { severity: { postmortem: [1] } });
  sim.createRepo({ owner: OWNER, name: REPO, defaultBranch: "main", files, ownerType: "Organization" });
  for (const [login, role] of Object.entries(PEOPLE)) sim.setPermission(FULL, login, role);
  const installationId = sim.installApp(APP_ID, OWNER, [FULL]);
  const app = await startAppServer({
    appId: APP_ID,
    privateKey,
    secret: SECRET,
    baseUrl: sim.url,
    clock: clock.now,
    scheduleIntervalMs: 0,
    log: pino({ level: "silent" }),
    throttle: { fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 },
  });
  // No webhook loop: scenarios deliver what they want to measure themselves.
  sim.setWebhook(undefined);

  const fastContext = async (): Promise<GitHubContext> => {
    const probot = new Probot({
      appId: APP_ID,
      privateKey,
      baseUrl: sim.url,
      log: pino({ level: "silent" }),
    });
    const appOctokit = await probot.auth();
    const { data } = await appOctokit.request("POST /app/installations/{installation_id}/access_tokens", {
      installation_id: installationId,
    });
    const token = data.token;
    const Fast = Octokit.plugin(paginateRest);
    const octokit = new Fast({ auth: token, baseUrl: sim.url }) as unknown as OctokitLike;
    return {
      octokit,
      owner: OWNER,
      repo: REPO,
      botLogin: BOT,
      trustedBots: trustedBotsFor(BOT),
      log: quiet,
      caches: runCaches(),
    };
  };

  return {
    sim,
    app,
    privateKey,
    installationId,
    clock,
    fastContext,
    close: async () => {
      await app.stop();
      await sim.close();
    },
  };
}

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/**
 * Opens `count` incidents as alice (no webhooks), then reconciles them with the fast client, 4 at a time.
 * The simulator enforces GitHub's 5,000 requests an hour per installation, so with a manual clock the
 * reconciles are spread over as many simulated hours as they need (`perHour` incidents each).
 */
export async function seedIncidents(
  h: Harness,
  count: number,
  body: string,
  perHour = 700,
): Promise<number[]> {
  const alice = personClient(h.sim, "alice");
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const { data } = await alice.rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: `[Incident] Checkout degraded in region ${i}`,
      body,
      labels: ["incident"],
    });
    numbers.push(data.number);
  }
  const gh = await h.fastContext();
  const settings = await repoSettings(gh);
  if (!settings.ok) throw new Error("bench config is invalid");
  for (let from = 0; from < numbers.length; from += perHour) {
    if (from > 0) h.clock.advance(61 * 60_000);
    const queue = numbers.slice(from, from + perHour);
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift())
          await reconcileIncident(gh, settings, n, { now: h.clock.now() });
      }),
    );
  }
  return numbers;
}

/** Opens `count` pull requests (a branch each, pushed directly; the PR over HTTP as alice). */
export async function seedPulls(h: Harness, count: number, prefix: string): Promise<number[]> {
  const alice = personClient(h.sim, "alice");
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const branch = `${prefix}-${i}`;
    h.sim.pushCommit({
      repo: FULL,
      branch,
      files: { [`src/${branch}.ts`]: `export const x = ${i};\n` },
      author: "alice",
    });
    const { data } = await alice.rest.pulls.create({
      owner: OWNER,
      repo: REPO,
      head: branch,
      base: "main",
      title: `Change ${branch}`,
    });
    numbers.push(data.number);
  }
  return numbers;
}
