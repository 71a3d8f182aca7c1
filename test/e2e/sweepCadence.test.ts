import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { startSimulator, personClient } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import { startAppServer } from "../../src/app/startAppServer.js";
import type { AppServer } from "../../src/app/startAppServer.js";
import { appKeys } from "./support/productionApp.js";
import { formBody, SEV3 } from "../harness/index.js";
import { ManualClock } from "../../src/core/time/clock.js";

const OWNER = "acme";
const APP_ID = 4244;
const SECRET = "cadence-secret";
const REPOS = Array.from({ length: 12 }, (_, i) => `svc-${i}`);

let sim: Simulator | undefined;
let app: AppServer | undefined;
afterEach(async () => {
  await app?.stop();
  await sim?.close();
  app = undefined;
  sim = undefined;
});

describe("sweeps scale with what is happening, not with what exists", () => {
  it("after the first sweep, only repositories with something going on are swept each tick; idle ones cost nothing", async () => {
    const { privateKey, publicKey } = appKeys();
    sim = await startSimulator({
      apps: [{ id: APP_ID, slug: "expedite", name: "Expedite", publicKeyPem: publicKey }],
    });
    const s = sim;
    s.addUser("alice", { orgs: [OWNER] });
    for (const name of REPOS) {
      s.createRepo({
        owner: OWNER,
        name,
        defaultBranch: "main",
        ownerType: "Organization",
        files: { "README.md": "x" },
      });
      s.setPermission(`${OWNER}/${name}`, "alice", "write");
    }
    const installation = s.installApp(
      APP_ID,
      OWNER,
      REPOS.map((n) => `${OWNER}/${n}`),
    );
    app = await startAppServer({
      appId: APP_ID,
      privateKey,
      secret: SECRET,
      baseUrl: s.url,
      scheduleIntervalMs: 0,
      log: pino({ level: "silent" }),
      throttle: { fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 },
    });
    s.setWebhook({ url: app.webhookUrl, secret: SECRET });
    // One repository has an open incident; the other eleven have nothing (no config file either).
    await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues", {
      owner: OWNER,
      repo: "svc-3",
      title: "Checkout errors",
      body: formBody({ Summary: "Checkout errors", Severity: SEV3 }),
      labels: ["incident"],
    });
    await s.deliveriesIdle();
    await app.expedite.queue.idle();

    // The repository a request is about (the owner's `.github` fallback for settings counts as none).
    const repoOf = (path: string) => {
      const name = /^\/repos\/[^/]+\/([^/]+)/.exec(path)?.[1];
      return name === ".github" ? undefined : name;
    };
    const sweep = async () => {
      const from = s.requests.length;
      await app!.expedite.sweepAll({ cadence: true });
      await app!.expedite.queue.idle();
      return s.requests.slice(from).filter((r) => r.identity !== "alice");
    };

    const first = await sweep();
    const touched = new Set(first.map((r) => repoOf(r.path)).filter(Boolean));
    expect(touched.size).toBe(REPOS.length);
    // Labels are made where an incident needs them, not in every repository.
    const labelWrites = first.filter(
      (r) => r.method === "POST" && r.route === "/repos/{owner}/{repo}/labels",
    );
    expect(new Set(labelWrites.map((r) => repoOf(r.path)))).toEqual(
      new Set(labelWrites.length ? ["svc-3"] : []),
    );
    // And only the labels that incident is written with: no freeze, post-mortem or deploy labels.
    const made = s.requests
      .filter(
        (r) => r.identity !== "alice" && r.method === "POST" && r.route === "/repos/{owner}/{repo}/labels",
      )
      .map((r) => (r.body as { name: string }).name);
    expect(made.length).toBeGreaterThan(0);
    const incidentRepo = `${OWNER}/svc-3`;
    const onIssues = new Set(s.issues(incidentRepo).flatMap((i) => i.labels));
    for (const name of made) expect(onIssues).toContain(name);

    const second = await sweep();
    // Only the repository with the incident; the installation list is asked conditionally (304, free);
    // the repository list comes from the inventory; no configuration is read again.
    expect([...new Set(second.map((r) => repoOf(r.path)).filter(Boolean))]).toEqual(["svc-3"]);
    expect(second.filter((r) => r.path === "/installation/repositories")).toEqual([]);
    expect(second.filter((r) => r.path === "/app/installations").map((r) => r.status)).toEqual([304]);
    expect(second.filter((r) => r.route.endsWith("/contents/{path}"))).toEqual([]);
    // Charged requests for the whole tick: a handful, not a dozen repositories' worth.
    const charged = second.filter((r) => r.status !== 304);
    expect(charged.length).toBeLessThanOrEqual(6);

    // An event on an idle repository makes it due at the next tick.
    await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues", {
      owner: OWNER,
      repo: "svc-7",
      title: "Not an incident",
      body: "just a question",
    });
    await s.deliveriesIdle();
    await app.expedite.queue.idle();
    const third = await sweep();
    expect(new Set(third.map((r) => repoOf(r.path)).filter(Boolean))).toEqual(new Set(["svc-3", "svc-7"]));

    // The owner adds a repository to the installation and takes one away: the inventory follows the
    // `installation_repositories` event, so the next tick sweeps the new one without listing them all.
    s.createRepo({
      owner: OWNER,
      name: "svc-new",
      defaultBranch: "main",
      ownerType: "Organization",
      files: {},
    });
    s.changeInstallationRepos(
      installation,
      { add: [`${OWNER}/svc-new`], remove: [`${OWNER}/svc-7`] },
      "alice",
    );
    await s.deliveriesIdle();
    await app.expedite.queue.idle();
    const fourth = await sweep();
    expect(fourth.filter((r) => r.path === "/installation/repositories")).toEqual([]);
    const fourthRepos = new Set(fourth.map((r) => repoOf(r.path)).filter(Boolean));
    expect(fourthRepos).toContain("svc-new");
    expect(fourthRepos).not.toContain("svc-7");
    expect(s.validationErrors).toEqual([]);
  });

  it("a deadline fires by its own wake-up, on time, while the next scheduled sweep is an hour away", async () => {
    const { privateKey, publicKey } = appKeys();
    // Tuesday 10:00 in New York: the acknowledgement is due 15 minutes after the declaration.
    const clock = new ManualClock("2026-11-17T15:00:00Z");
    sim = await startSimulator({
      apps: [{ id: APP_ID, slug: "expedite", name: "Expedite", publicKeyPem: publicKey }],
      clock: clock.now,
    });
    const s = sim;
    s.addUser("alice", { orgs: [OWNER] });
    s.createRepo({
      owner: OWNER,
      name: "svc-0",
      defaultBranch: "main",
      ownerType: "Organization",
      files: {},
    });
    s.setPermission(`${OWNER}/svc-0`, "alice", "write");
    s.installApp(APP_ID, OWNER, [`${OWNER}/svc-0`]);
    app = await startAppServer({
      appId: APP_ID,
      privateKey,
      secret: SECRET,
      baseUrl: s.url,
      clock: clock.now,
      // The scheduler at an hour: only the incident's own wake-up can notice its deadline in this test.
      scheduleIntervalMs: 3_600_000,
      wakeUps: true,
      log: pino({ level: "silent" }),
      throttle: { fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 },
    });
    // The scheduler's first tick comes within ten seconds of the start; the next one is an hour later.
    const ticked = () => s.requests.some((r) => r.path === "/app/installations");
    const started = Date.now();
    while (!ticked() && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 100));
    expect(ticked()).toBe(true);
    await app.expedite.queue.idle();
    // The incident is declared while no webhook reaches the App (so nothing armed a timer 15 real minutes
    // long); a comment a second before its deadline is the App's first sight of it.
    const { data: issue } = await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues", {
      owner: OWNER,
      repo: "svc-0",
      title: "Checkout errors",
      body: formBody({ Summary: "Checkout errors", Severity: SEV3 }),
      labels: ["incident"],
    });
    await s.deliveriesIdle();
    s.setWebhook({ url: app.webhookUrl, secret: SECRET });
    const breach = () =>
      s
        .comments(`${OWNER}/svc-0`, issue.number)
        .filter(
          (c) => c.user === "expedite[bot]" && c.body.startsWith("<!-- expedite:notice type=ack-breach"),
        );
    const ticks = () => s.requests.filter((r) => r.path === "/app/installations").length;
    const sweepsBefore = ticks();
    clock.advance(15 * 60_000 - 1_000);
    await personClient(s, "alice").request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: OWNER,
      repo: "svc-0",
      issue_number: issue.number,
      body: "/note looking at the gateway",
    });
    await s.deliveriesIdle();
    await app.expedite.queue.idle();
    expect(
      s.comments(`${OWNER}/svc-0`, issue.number).some((c) => c.body.startsWith("<!-- expedite:board")),
    ).toBe(true);
    expect(breach()).toEqual([]);
    clock.advance(5_000);
    // The wake-up (a real timer) fires; nothing else runs meanwhile.
    const until = Date.now() + 20_000;
    while (breach().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await app.expedite.queue.idle();
    expect(breach()).toHaveLength(1);
    expect(ticks()).toBe(sweepsBefore);
    expect(s.validationErrors).toEqual([]);
  });
});
