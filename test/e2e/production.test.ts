import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { startSimulator, personClient } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import { appKeys, keyFile, ROOT, startProductionApp } from "./support/productionApp.js";
import type { ProductionApp } from "./support/productionApp.js";
import { formBody, PEOPLE, SEV2 } from "../harness/index.js";
import { dockerfile } from "../build/dockerfile.js";

const OWNER = "acme";
const REPO = "shop";
const FULL = `${OWNER}/${REPO}`;
const APP_ID = 4242;
const SECRET = "production-test-secret";
const BOT = "expedite[bot]";

let sim: Simulator | undefined;
let app: ProductionApp | undefined;
afterEach(async () => {
  await app?.stop("SIGKILL");
  app = undefined;
  await sim?.close();
  sim = undefined;
});

/** A simulated GitHub on the real clock, with one repository where the App is installed. */
async function github(publicKey: string): Promise<Simulator> {
  const s = await startSimulator({
    apps: [{ id: APP_ID, slug: "expedite", name: "Expedite", publicKeyPem: publicKey }],
  });
  for (const login of Object.keys(PEOPLE)) s.addUser(login, { orgs: [OWNER] });
  s.createRepo({
    owner: OWNER,
    name: REPO,
    defaultBranch: "main",
    ownerType: "Organization",
    files: {
      "README.md": "# shop\n",
      ".github/expedite.yml": stringify({ oncall: { primary: "erin" }, severity: { postmortem: [] } }),
    },
  });
  for (const [login, role] of Object.entries(PEOPLE)) s.setPermission(FULL, login, role);
  s.installApp(APP_ID, OWNER, [FULL]);
  return s;
}

function run(command: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(command[0]!, command.slice(1), { env: { PATH: process.env.PATH ?? "", ...env } }, (error) =>
      resolve(error ? Number((error as { code?: number }).code ?? 1) : 0),
    );
  });
}

describe("the production App (dist/app.js out of process)", () => {
  it("refuses to start on bad variables, naming each one and the fix, without a stack trace", async () => {
    app = await startProductionApp(
      {
        APP_ID: "my-app",
        PRIVATE_KEY: "not a key",
        WEBHOOK_SECRET: SECRET,
        EXPEDITE_SCHEDULE_INTERVAL: "5",
        LOG_FORMAT: "xml",
        REDIS_URL: "localhost:6379",
        EXPEDITE_LOCK_TTL: "100",
      },
      { waitReady: false, cwd: mkdtempSync(join(tmpdir(), "expedite-cwd-")) },
    );
    expect(await app.exited).toBe(2);
    const text = app.output.join("\n");
    expect(text).toMatch(/APP_ID=my-app is not a number/);
    expect(text).toMatch(/PRIVATE_KEY does not hold a usable private key: generate one/);
    expect(text).toMatch(/EXPEDITE_SCHEDULE_INTERVAL=5 is not a duration: write a number with a unit/);
    expect(text).toMatch(/LOG_FORMAT=xml is not a format/);
    expect(text).toMatch(/REDIS_URL is not a redis:\/\/ or rediss:\/\/ URL/);
    expect(text).toMatch(/EXPEDITE_LOCK_TTL=100 is not a duration/);
    expect(text).not.toMatch(/^\s+at /m);
  });

  it("serves with .env credentials and a real scheduler: one board, checklist and on-call notice per incident, health, metrics, graceful stop", async () => {
    const { privateKey, publicKey } = appKeys();
    sim = await github(publicKey);
    // Probot's convention: credentials in a .env file in the working directory; the environment wins.
    const cwd = mkdtempSync(join(tmpdir(), "expedite-cwd-"));
    writeFileSync(
      join(cwd, ".env"),
      `APP_ID=${APP_ID}\nPRIVATE_KEY_PATH=${keyFile(privateKey)}\nWEBHOOK_SECRET=${SECRET}\nWEBHOOK_PATH=/wrong\n`,
    );
    app = await startProductionApp(
      {
        GITHUB_API_URL: sim.url,
        WEBHOOK_PATH: "/hooks/github",
        // The scheduler at a real interval, sweeping while webhooks for the same incidents are handled.
        EXPEDITE_SCHEDULE_INTERVAL: "1s",
        LOG_LEVEL: "info",
        // GitHub's advised pacing (1 s between writes, 3 s between notifying ones) shortened for the test.
        EXPEDITE_WRITE_SPACING_MS: "50",
      },
      { cwd },
    );
    sim.setWebhook({ url: app.webhookUrl, secret: SECRET });
    // Every request a little slow, so a sweep and a webhook's reconcile of one incident overlap in time.
    sim.addFault({ delayMs: 15, times: Infinity });

    const alice = personClient(sim, "alice");
    const numbers: number[] = [];
    for (let i = 0; i < 6; i++) {
      // The issue form: the issue is opened with its label (GitHub sends `opened` and `labeled`).
      const { data } = await alice.request("POST /repos/{owner}/{repo}/issues", {
        owner: OWNER,
        repo: REPO,
        title: `Checkout errors ${i}`,
        body: formBody({ Summary: `Checkout errors ${i}`, Severity: SEV2 }),
        labels: ["incident"],
      });
      numbers.push(data.number);
      await new Promise((resolve) => setTimeout(resolve, 400 + 150 * (i % 3)));
    }
    // Several more sweeps run over the incidents while they settle.
    const deadline = Date.now() + 30_000;
    const markers = (n: number, kind: string) =>
      sim!.comments(FULL, n).filter((c) => c.user === BOT && c.body.startsWith(`<!-- expedite:${kind}`));
    while (Date.now() < deadline && numbers.some((n) => markers(n, "board").length === 0))
      await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await sim.deliveriesIdle();

    for (const n of numbers) {
      expect(markers(n, "board"), `#${n} board`).toHaveLength(1);
      expect(markers(n, "checklist"), `#${n} checklist`).toHaveLength(1);
      expect(markers(n, "notice type=oncall"), `#${n} on-call notice`).toHaveLength(1);
    }
    // Not even a duplicate that was deleted afterwards: GitHub e-mails a comment the moment it exists.
    const created = sim.requests.filter(
      (r) => r.method === "POST" && r.route.endsWith("/comments") && r.identity === BOT && r.applied,
    );
    expect(created.length).toBe(numbers.length * 3);
    expect(sim.requests.filter((r) => r.method === "DELETE" && r.route.includes("/comments/"))).toEqual([]);
    expect(sim.validationErrors).toEqual([]);

    // Health: the Dockerfile's HEALTHCHECK command, run as Docker would, against this process.
    const check = dockerfile().healthcheck;
    expect(await run(check, { PORT: new URL(app.url).port })).toBe(0);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^expedite_queue_depth \d+/m);
    expect(metrics).toMatch(/^expedite_job_duration_seconds_count\{kind="issue",outcome="ok"\} [1-9]/m);
    expect(metrics).toMatch(/^expedite_job_duration_seconds_count\{kind="sweep",outcome="ok"\} [1-9]/m);
    expect(metrics).toMatch(/^expedite_writes_total\{kind="issue"\} [1-9]/m);
    expect(metrics).toMatch(/^expedite_rate_limit_remaining\{installation="\d+"\} \d+/m);
    expect(metrics).toMatch(/^expedite_last_complete_sweep_age_seconds\{installation="\d+"\} [\d.]+/m);

    // SIGTERM: a clean exit within the deadline, saying so.
    expect(await app.stop("SIGTERM")).toBe(0);
    expect(app.output.join("\n")).toMatch(/shutting down/);
  }, 120_000);
});

describe("the production bundle's imports", () => {
  it("needs nothing but production dependencies (`npm ci --omit=dev` suffices)", () => {
    const bundle = readFileSync(join(ROOT, "dist", "app.js"), "utf8");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const specifiers = [...bundle.matchAll(/^import .*? from "([^"]+)";$/gm)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(3);
    const packages = specifiers
      .filter((s) => !s.startsWith("node:"))
      .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!));
    expect(packages.filter((p) => !(p in pkg.dependencies))).toEqual([]);
  });
});
