// Graceful shutdown when work outlasts the deadline: the App stops taking deliveries, gives queued work its
// deadline, then reports and logs what it leaves for the next start's sweep and delivery recovery.
import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { Writable } from "node:stream";
import { startSimulator, personClient } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import { startAppServer } from "../../src/app/startAppServer.js";
import type { AppServer } from "../../src/app/startAppServer.js";
import { appKeys } from "./support/productionApp.js";
import { formBody, SEV3 } from "../harness/index.js";

const OWNER = "acme";
const APP_ID = 4245;
const SECRET = "shutdown-secret";

let sim: Simulator | undefined;
let app: AppServer | undefined;
afterEach(async () => {
  await app?.stop(0);
  await sim?.close();
  app = undefined;
  sim = undefined;
});

describe("graceful shutdown", () => {
  it("past its deadline, reports and logs the unfinished jobs, refuses new deliveries, and a restart repairs them", async () => {
    const { privateKey, publicKey } = appKeys();
    sim = await startSimulator({
      apps: [{ id: APP_ID, slug: "expedite", name: "Expedite", publicKeyPem: publicKey }],
    });
    const s = sim;
    s.addUser("alice", { orgs: [OWNER] });
    s.createRepo({ owner: OWNER, name: "shop", defaultBranch: "main", ownerType: "Organization", files: {} });
    s.setPermission(`${OWNER}/shop`, "alice", "write");
    s.installApp(APP_ID, OWNER, [`${OWNER}/shop`]);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const start = () =>
      startAppServer({
        appId: APP_ID,
        privateKey,
        secret: SECRET,
        baseUrl: s.url,
        scheduleIntervalMs: 0,
        log: pino({ level: "info" }, sink),
        throttle: { fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 },
      });
    app = await start();
    s.setWebhook({ url: app.webhookUrl, secret: SECRET });

    // GitHub is slow to answer the incident's timeline: its reconcile is still running at the deadline.
    s.addFault({
      method: "GET",
      route: "/repos/{owner}/{repo}/issues/{issue_number}/timeline",
      delayMs: 3_000,
    });
    const { data: issue } = await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues", {
      owner: OWNER,
      repo: "shop",
      title: "Checkout errors",
      body: formBody({ Summary: "Checkout errors", Severity: SEV3 }),
      labels: ["incident"],
    });
    await s.deliveriesIdle();
    const stopping = app.stop(200);
    expect((await app.health.ready()).problems).toContain("shutting down");
    const report = await stopping;
    expect(report.unfinished).toContain(`${OWNER}/shop#${issue.number}`);
    expect(lines.join("")).toMatch(/shutdown deadline passed with \d+ job\(s\) unfinished/);

    // A delivery after the stop is refused (GitHub records it as failed, for delivery recovery).
    await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: OWNER,
      repo: "shop",
      issue_number: issue.number,
      body: "/note still looking",
    });
    await s.deliveriesIdle();
    expect(s.deliveries.at(-1)?.status).not.toBe(200);

    // The stopped process's last job runs out on its own (nothing kills it in this test); then the next
    // process's first sweep takes up what was refused meanwhile: the note is journaled, on one board.
    const boards = () =>
      s
        .comments(`${OWNER}/shop`, issue.number)
        .filter((c) => c.user === "expedite[bot]" && c.body.startsWith("<!-- expedite:board"));
    const until = Date.now() + 10_000;
    while (boards().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    app = await start();
    await app.expedite.sweepAll({ cadence: false });
    await app.expedite.queue.idle();
    expect(boards()).toHaveLength(1);
    expect(boards()[0]!.body).toMatch(/still looking/);
  }, 60_000);
});
