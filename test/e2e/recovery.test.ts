import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { Probot } from "probot";
import { stringify } from "yaml";
import { startSimulator, personClient } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import { MAX_ASKS, recoverDeliveries } from "../../src/app/recoverDeliveries.js";
import type { RecoveryState } from "../../src/app/recoverDeliveries.js";
import type { OctokitLike } from "../../src/github/types.js";
import { freePort } from "../../src/app/freePort.js";
import { appKeys, keyFile, startProductionApp } from "./support/productionApp.js";
import type { ProductionApp } from "./support/productionApp.js";
import { formBody, PEOPLE, SEV2 } from "../harness/index.js";

const OWNER = "acme";
const REPO = "shop";
const FULL = `${OWNER}/${REPO}`;
const APP_ID = 4243;
const SECRET = "recovery-test-secret";
const BOT = "expedite[bot]";

let sim: Simulator | undefined;
const apps: ProductionApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop("SIGKILL");
  await sim?.close();
  sim = undefined;
});

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
    files: { "README.md": "# shop\n", ".github/expedite.yml": stringify({ severity: { postmortem: [] } }) },
  });
  for (const [login, role] of Object.entries(PEOPLE)) s.setPermission(FULL, login, role);
  s.installApp(APP_ID, OWNER, [FULL]);
  return s;
}

const until = async (what: string, done: () => boolean, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe("lost deliveries are recovered", () => {
  it("App down, events happen, App up: every failed delivery is redelivered once and the state catches up", async () => {
    const { privateKey, publicKey } = appKeys();
    sim = await github(publicKey);
    const s = sim;
    const port = String(await freePort());
    const vars = {
      APP_ID: String(APP_ID),
      PRIVATE_KEY_PATH: keyFile(privateKey),
      WEBHOOK_SECRET: SECRET,
      GITHUB_API_URL: s.url,
      PORT: port,
      EXPEDITE_SCHEDULE_INTERVAL: "1h",
      EXPEDITE_WRITE_SPACING_MS: "20",
    };
    const first = await startProductionApp(vars);
    apps.push(first);
    s.setWebhook({ url: first.webhookUrl, secret: SECRET });
    const alice = personClient(s, "alice");
    const open = async (title: string) =>
      (
        await alice.request("POST /repos/{owner}/{repo}/issues", {
          owner: OWNER,
          repo: REPO,
          title,
          body: formBody({ Summary: title, Severity: SEV2 }),
          labels: ["incident"],
        })
      ).data.number;
    const bot = (n: number, kind: string) =>
      s.comments(FULL, n).filter((c) => c.user === BOT && c.body.startsWith(`<!-- expedite:${kind}`));
    const one = await open("Payments failing");
    await until("the first board", () => bot(one, "board").length === 1);
    await s.deliveriesIdle();

    // The App stops; meanwhile a responder acknowledges and a second incident is declared.
    expect(await first.stop("SIGTERM")).toBe(0);
    const before = s.deliveries.length;
    await alice.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: OWNER,
      repo: REPO,
      issue_number: one,
      body: "/ack looking at the payment gateway",
    });
    const two = await open("Search is slow");
    await s.deliveriesIdle();
    const failed = s.deliveries.slice(before).filter((d) => d.status === undefined);
    expect(failed.length).toBeGreaterThanOrEqual(3); // issue_comment, issues.opened, issues.labeled …
    expect(failed.every((d) => d.error !== undefined)).toBe(true);

    // Back up, on the same address: the start-up pass asks GitHub to redeliver each failed event.
    const second = await startProductionApp(vars);
    apps.push(second);
    await until(
      "the acknowledgement and the second board",
      () => s.issue(FULL, one)!.labels.includes("incident:acknowledged") && bot(two, "board").length === 1,
    );
    const guids = [...new Set(failed.map((d) => d.id))];
    await until("every failed delivery redelivered", () =>
      guids.every((g) => s.deliveries.some((d) => d.id === g && d.redelivery && d.status === 200)),
    );
    const asked = s.requests.filter(
      (r) => r.method === "POST" && r.route === "/app/hook/deliveries/{delivery_id}/attempts",
    );
    expect(asked.length).toBe(guids.length);
    expect(asked.every((r) => r.status === 202)).toBe(true);
    await s.deliveriesIdle();
    expect(bot(one, "board")).toHaveLength(1);
    expect(bot(two, "board")).toHaveLength(1);
    expect(bot(two, "checklist")).toHaveLength(1);
    expect(s.validationErrors).toEqual([]);
    expect(second.output.join("\n")).toMatch(/asked GitHub to redeliver \d+ failed webhook deliveries/);
  }, 120_000);

  it("is bounded per pass, replays oldest first, asks again after a pause when a redelivery fails too, and skips events that succeeded", async () => {
    const { privateKey, publicKey } = appKeys();
    sim = await github(publicKey);
    const s = sim;
    // One event is delivered to a receiver that accepts it …
    const receiver = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    s.setWebhook({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, secret: SECRET });
    const alice = personClient(s, "alice");
    await alice.request("POST /repos/{owner}/{repo}/issues", {
      owner: OWNER,
      repo: REPO,
      title: "Fine",
      body: "ok",
    });
    await s.deliveriesIdle();
    receiver.close();
    const delivered = s.deliveries.map((d) => d.id);
    expect(s.deliveries.every((d) => d.status === 200)).toBe(true);
    // … then nobody listens any more: every later delivery fails.
    s.setWebhook({ url: `http://127.0.0.1:${await freePort()}/hooks`, secret: SECRET });
    for (let i = 0; i < 5; i++)
      await alice.request("POST /repos/{owner}/{repo}/issues", {
        owner: OWNER,
        repo: REPO,
        title: `Issue ${i}`,
        body: "text",
      });
    await s.deliveriesIdle();
    const guids = s.deliveries.map((d) => d.id).filter((g) => !delivered.includes(g));
    expect(new Set(guids).size).toBe(5);
    const appOctokit = (await new Probot({
      appId: APP_ID,
      privateKey,
      baseUrl: s.url,
      log: pino({ level: "silent" }),
    }).auth()) as unknown as OctokitLike;
    const state: RecoveryState = { checkpoint: 0, requested: new Map() };
    const quiet = pino({ level: "silent" });
    const limits = { maxPages: 5, maxRedeliveries: 2 };

    const t0 = Date.now();
    const firstPass = await recoverDeliveries(appOctokit, state, t0, limits, quiet);
    expect(firstPass.failed).toBe(5);
    expect(firstPass.redelivered).toEqual(guids.slice(0, 2));
    await s.deliveriesIdle();
    // The redeliveries failed too (still nobody listening): right away, the next events come first.
    const secondPass = await recoverDeliveries(appOctokit, state, t0 + 1_000, limits, quiet);
    expect(secondPass.redelivered).toEqual(guids.slice(2, 4));
    await s.deliveriesIdle();
    const thirdPass = await recoverDeliveries(appOctokit, state, t0 + 2_000, limits, quiet);
    expect(thirdPass.redelivered).toEqual(guids.slice(4));
    // Every event asked for once and each redelivery failed: nothing more until the pause is over.
    await s.deliveriesIdle();
    const fourthPass = await recoverDeliveries(appOctokit, state, t0 + 3_000, limits, quiet);
    expect(fourthPass.redelivered).toEqual([]);
    expect(s.deliveries.filter((d) => d.redelivery)).toHaveLength(5);
    expect(s.deliveries.filter((d) => delivered.includes(d.id) && d.redelivery)).toEqual([]);
    // A minute on, the oldest failed events are asked for again (GitHub keeps their GUIDs).
    const fifthPass = await recoverDeliveries(appOctokit, state, t0 + 62_000, limits, quiet);
    expect(fifthPass.redelivered).toEqual(guids.slice(0, 2));
    expect(state.requested.get(guids[0]!)?.times).toBe(2);
    // An event asked for MAX_ASKS times is given up on (it stays in the log, and the sweep repairs the rest).
    for (const guid of guids) state.requested.set(guid, { at: t0, times: MAX_ASKS });
    await s.deliveriesIdle();
    const lastPass = await recoverDeliveries(appOctokit, state, t0 + 24 * 3_600_000, limits, quiet);
    expect(lastPass.redelivered).toEqual([]);
    expect(s.validationErrors).toEqual([]);
  });
});
