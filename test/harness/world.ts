import { generateKeyPairSync } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Octokit } from "@octokit/rest";
import { pino } from "pino";
import { stringify } from "yaml";
import { startSimulator, personClient } from "@expedite/github-simulator";
import type { Simulator, Delivery } from "@expedite/github-simulator";
import { startAppServer } from "../../src/app/startAppServer.js";
import type { AppServer } from "../../src/app/startAppServer.js";
import { ManualClock } from "../../src/core/time/clock.js";

export const OWNER = "acme";
export const REPO = "shop";
export const FULL = `${OWNER}/${REPO}`;
export const APP_ID = 4242;
export const APP_SLUG = "expedite";
export const BOT = `${APP_SLUG}[bot]`;
export const ACTIONS_BOT = "github-actions[bot]";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type Mode = "app" | "action";

export interface WorldOptions {
  mode: Mode;
  /** Start of the simulated clock (ISO). Default: a Tuesday 10:00 in New York (business hours). */
  start?: string;
  /** `.github/expedite.yml` of the test repository, as an object (omitted = no file). */
  config?: Record<string, unknown>;
  /** Extra files of the repository's default branch. */
  files?: Record<string, string>;
  /** Node binary for the Action (default: this one). */
  node?: string;
  /**
   * Action mode: each run first checks out `.github/` of the default branch into the workspace, as the
   * shipped workflow does (`actions/checkout` with `ref: default_branch`). Default: no checkout.
   */
  checkout?: boolean;
  /** Channel secrets (EXPEDITE_CHANNEL_*): the App's environment, the Action's step environment. */
  channelEnv?: Record<string, string>;
  /** How long one send to a channel may take (ms). */
  channelTimeoutMs?: number;
  /** App mode: the alerts endpoint's secrets and routing repository. */
  alerts?: { token?: string; sentrySecret?: string; repository?: string };
}

export const PEOPLE = {
  alice: "write",
  bob: "triage",
  carol: "read",
  dave: "admin",
  erin: "maintain",
  frank: "write",
} as const;

/**
 * One simulated GitHub with one repository and Expedite running against it — as the real Probot server
 * receiving signed webhooks (App mode), or as the bundled Action run by a "runner" for each event
 * (Action mode). Tests act as people over HTTP and then `settle()`.
 */
export class World {
  readonly clock: ManualClock;
  readonly sim: Simulator;
  readonly mode: Mode;
  readonly bot: string;
  app?: AppServer;
  /** Everything the App logged (JSON lines), for asserting what operators would see. */
  readonly logs: string[] = [];
  readonly #node: string;
  readonly #checkout: boolean;
  #channelEnv: Record<string, string> = {};
  #privateKey = "";
  #alerts: WorldOptions["alerts"];
  readonly #replicas: AppServer[] = [];
  #handled = 0;
  readonly actionRuns: Array<{
    event: string;
    code: number;
    stdout: string;
    stderr: string;
    outputs: string;
    summary: string;
  }> = [];

  private constructor(mode: Mode, clock: ManualClock, sim: Simulator, node: string, checkout: boolean) {
    this.mode = mode;
    this.clock = clock;
    this.sim = sim;
    this.bot = mode === "app" ? BOT : ACTIONS_BOT;
    this.#node = node;
    this.#checkout = checkout;
  }

  static async start(options: WorldOptions): Promise<World> {
    const clock = new ManualClock(options.start ?? "2026-11-17T15:00:00Z");
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
    });
    const sim = await startSimulator({
      clock: clock.now,
      apps: [{ id: APP_ID, slug: APP_SLUG, name: "Expedite", publicKeyPem: publicKey }],
      // Tests jump the simulated clock by hours while Probot caches tokens by wall-clock time; a token
      // lifetime longer than any scenario keeps that mismatch from looking like an auth failure.
      installationTokenTtlMs: 30 * 24 * 3_600_000,
    });
    for (const login of Object.keys(PEOPLE)) sim.addUser(login, { orgs: [OWNER] });
    const files: Record<string, string> = {
      "README.md": "# shop\n",
      "src/app.ts": "export const a = 1;\n",
      ...(options.files ?? {}),
    };
    if (options.config) files[".github/expedite.yml"] = stringify(options.config);
    sim.createRepo({ owner: OWNER, name: REPO, defaultBranch: "main", files, ownerType: "Organization" });
    for (const [login, role] of Object.entries(PEOPLE)) sim.setPermission(FULL, login, role);
    sim.installApp(APP_ID, OWNER, [FULL]);
    const world = new World(
      options.mode,
      clock,
      sim,
      options.node ?? process.execPath,
      options.checkout ?? false,
    );
    world.#privateKey = privateKey;
    world.#channelEnv = {
      ...(options.channelEnv ?? {}),
      ...(options.channelTimeoutMs ? { EXPEDITE_SEND_TIMEOUT_MS: String(options.channelTimeoutMs) } : {}),
    };
    world.#alerts = options.alerts;
    if (options.mode === "app") {
      const secret = "webhook-secret-for-tests";
      world.app = await startAppServer({
        appId: APP_ID,
        privateKey,
        secret,
        baseUrl: sim.url,
        clock: clock.now,
        scheduleIntervalMs: 0,
        log: pino(
          { level: process.env.EXPEDITE_TEST_LOG_LEVEL ?? "info" },
          { write: (line: string) => void world.logs.push(line) },
        ),
        throttle: { fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 },
        env: options.channelEnv ?? {},
        ...(options.channelTimeoutMs ? { channelTimeoutMs: options.channelTimeoutMs } : {}),
        ...(options.alerts ? { alerts: options.alerts } : {}),
      });
      sim.setWebhook({ url: world.app.webhookUrl, secret });
    }
    return world;
  }

  /** A second App server (another replica) against the same GitHub; it receives no webhooks. */
  async replica(): Promise<AppServer> {
    const replica = await startAppServer({
      appId: APP_ID,
      privateKey: this.#privateKey,
      secret: "webhook-secret-for-tests",
      baseUrl: this.sim.url,
      clock: this.clock.now,
      scheduleIntervalMs: 0,
      log: pino({ level: "silent" }),
      throttle: { fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 },
      env: this.#channelEnv,
      ...(this.#alerts ? { alerts: this.#alerts } : {}),
    });
    this.#replicas.push(replica);
    return replica;
  }

  /** An Octokit acting as a person over real HTTP. */
  as(login: string): Octokit {
    return personClient(this.sim, login);
  }

  /** Wait until every consequence of what happened so far has played out. */
  async settle(): Promise<void> {
    if (this.mode === "app") {
      for (let round = 0; round < 50; round++) {
        await this.sim.deliveriesIdle();
        await this.app?.expedite.queue.idle();
        await this.sim.deliveriesIdle();
        if ((this.app?.expedite.queue.size ?? 0) === 0) return;
      }
      return;
    }
    // Action mode: a workflow run per new event, as GitHub would start them. Events caused by the
    // Action's own GITHUB_TOKEN start no workflow (GitHub's rule), so they are skipped.
    for (let round = 0; round < 50; round++) {
      const pending = this.sim.deliveries.slice(this.#handled);
      if (pending.length === 0) return;
      this.#handled = this.sim.deliveries.length;
      for (const delivery of pending) {
        const sender = (delivery.payload as { sender?: { login?: string } }).sender?.login;
        if (sender === ACTIONS_BOT) continue;
        // A lost event (fault injection) starts no workflow run either.
        if (delivery.error?.startsWith("dropped")) continue;
        if (!WORKFLOW_EVENTS.has(delivery.event)) continue;
        await this.runAction(delivery.event, delivery.payload);
      }
    }
  }

  /** The scheduled reconcile: the App's timer tick, or the Action's `schedule:` run. */
  async sweep(): Promise<void> {
    await this.settle();
    if (this.mode === "app") {
      await this.app?.expedite.sweepAll();
      await this.settle();
    } else {
      // GitHub's schedule payload names neither the repository nor a sender.
      await this.runAction("schedule", { schedule: "*/5 * * * *" });
      this.#handled = this.sim.deliveries.length;
    }
  }

  /** Runs the bundled Action once, as a runner would, for one event. */
  async runAction(
    event: string,
    payload: unknown,
    env: Record<string, string | undefined> = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const dir = mkdtempSync(join(tmpdir(), "expedite-runner-"));
    const workspace = join(dir, "workspace");
    if (this.#checkout) this.checkoutDefaultBranch(workspace);
    const eventPath = join(dir, "event.json");
    const output = join(dir, "output");
    const summary = join(dir, "summary.md");
    writeFileSync(eventPath, JSON.stringify(payload));
    writeFileSync(output, "");
    writeFileSync(summary, "");
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        this.#node,
        [join(ROOT, "dist", "index.js")],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? "",
            GITHUB_EVENT_NAME: event,
            GITHUB_EVENT_PATH: eventPath,
            GITHUB_API_URL: this.sim.url,
            GITHUB_SERVER_URL: "https://github.com",
            GITHUB_REPOSITORY: FULL,
            ...refOf(event, payload, this.sim.branchSha(FULL, "main") ?? ""),
            ...(this.#checkout ? { GITHUB_WORKSPACE: workspace } : {}),
            GITHUB_OUTPUT: output,
            GITHUB_STEP_SUMMARY: summary,
            INPUT_TOKEN: this.sim.actionsToken(FULL),
            "INPUT_DRY-RUN": "false",
            EXPEDITE_NOW: new Date(this.clock.now()).toISOString(),
            EXPEDITE_SECONDARY_RETRY_AFTER: "1",
            EXPEDITE_WRITE_SPACING_MS: "0",
            ...this.#channelEnv,
            ...env,
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    this.actionRuns.push({
      event,
      ...result,
      outputs: existsSync(output) ? readFileSync(output, "utf8") : "",
      summary: existsSync(summary) ? readFileSync(summary, "utf8") : "",
    });
    return result;
  }

  /**
   * What `actions/checkout` with `ref: <default branch>` and `sparse-checkout: .github` leaves in the
   * workspace: the branch checked out by name, origin pointing at the repository, the `.github/` files.
   */
  checkoutDefaultBranch(
    workspace: string,
    files: (path: string) => boolean = (p) => p.startsWith(".github/"),
  ): void {
    mkdirSync(join(workspace, ".git"), { recursive: true });
    writeFileSync(join(workspace, ".git", "HEAD"), "ref: refs/heads/main\n");
    writeFileSync(
      join(workspace, ".git", "config"),
      `[core]\n\tbare = false\n[remote "origin"]\n\turl = https://github.com/${FULL}\n\tfetch = +refs/heads/main:refs/remotes/origin/main\n`,
    );
    for (const path of this.sim.files(FULL, "main").filter(files)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), this.sim.file(FULL, "main", path) ?? "");
    }
  }

  /** Bot comments on an issue (by the bot this mode runs as), in order. */
  botComments(number: number) {
    return this.sim.comments(FULL, number).filter((c) => c.user === this.bot);
  }

  board(number: number): string | undefined {
    return this.botComments(number).find((c) => c.body.startsWith("<!-- expedite:board"))?.body;
  }

  checklist(number: number): string | undefined {
    return this.botComments(number).find((c) => c.body.startsWith("<!-- expedite:checklist"))?.body;
  }

  labels(number: number): string[] {
    return [...(this.sim.issue(FULL, number)?.labels ?? [])].sort();
  }

  deliveriesSince(index: number): Delivery[] {
    return this.sim.deliveries.slice(index);
  }

  async close(): Promise<void> {
    for (const replica of this.#replicas) await replica.stop();
    await this.app?.stop();
    await this.sim.close();
  }
}

const WORKFLOW_EVENTS = new Set([
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "merge_group",
]);

/** GITHUB_REF and GITHUB_SHA as GitHub sets them for each event. */
function refOf(event: string, payload: unknown, mainSha: string): Record<string, string> {
  const p = payload as {
    pull_request?: { number: number; head?: { sha?: string } };
    merge_group?: { head_ref: string; head_sha: string };
  };
  if ((event === "pull_request" || event === "pull_request_review") && p.pull_request)
    return {
      GITHUB_REF: `refs/pull/${p.pull_request.number}/merge`,
      GITHUB_SHA: p.pull_request.head?.sha ?? "",
    };
  if (event === "merge_group" && p.merge_group)
    return { GITHUB_REF: p.merge_group.head_ref, GITHUB_SHA: p.merge_group.head_sha };
  return { GITHUB_REF: "refs/heads/main", GITHUB_SHA: mainSha };
}

/** The issue form's rendered body, as GitHub writes it from `.github/ISSUE_TEMPLATE/incident.yml`. */
export function formBody(answers: Record<string, string>): string {
  return Object.entries(answers)
    .map(([label, answer]) => `### ${label}\n\n${answer === "" ? "_No response_" : answer}`)
    .join("\n\n");
}

export function minutes(n: number): number {
  return n * 60_000;
}
