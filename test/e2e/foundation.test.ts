import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, BOT, formBody } from "../harness/index.js";
import { deliver } from "./support/deliver.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("foundation (App mode, real Probot server, signed webhooks)", () => {
  it("labelling an issue `incident` gives it the declared state and exactly one board; redelivery writes nothing", async () => {
    world = await World.start({ mode: "app" });
    const alice = world.as("alice");
    const { data: issue } = await alice.rest.issues.create({
      owner: "acme",
      repo: "shop",
      title: "Checkout is down",
      body: formBody({
        Summary: "Card payments fail with a 500",
        Severity:
          "SEV2 – Major: a core flow is broken or badly slowed for many customers, or revenue is at risk; any workaround is partial",
      }),
    });
    await world.settle();
    expect(world.labels(issue.number)).toEqual([]);
    await alice.rest.issues.addLabels({
      owner: "acme",
      repo: "shop",
      issue_number: issue.number,
      labels: ["incident"],
    });
    await world.settle();

    expect(world.labels(issue.number)).toEqual(["incident", "incident:declared", "sev:2"]);
    const boards = world.botComments(issue.number).filter((c) => c.body.startsWith("<!-- expedite:board"));
    expect(boards).toHaveLength(1);
    expect(boards[0]?.user).toBe(BOT);
    expect(boards[0]?.body).toContain(`Incident #${issue.number}`);
    expect(boards[0]?.body).toContain("Declared");
    expect(world.sim.validationErrors).toEqual([]);

    // The same `issues.labeled` delivery again, signed, over HTTP: level-triggered, so nothing to write.
    const labeled = world.sim.deliveries.find(
      (d) =>
        d.event === "issues" &&
        d.action === "labeled" &&
        (d.payload as { label?: { name?: string } }).label?.name === "incident",
    );
    expect(labeled).toBeDefined();
    const response = await deliver(world.app!.webhookUrl, "issues", labeled!.payload, { id: labeled!.id });
    expect(response.status).toBeLessThan(300);
    await world.settle();
    // Template overrides are opt-in: with no `templates.directory`, nothing looks for them.
    expect(
      world.sim.requests.filter(
        (r) => r.route === "/repos/{owner}/{repo}/contents/{path}" && !r.path.endsWith(".yml"),
      ),
    ).toEqual([]);
    world.sim.clearLog();
    await deliver(world.app!.webhookUrl, "issues", labeled!.payload, { id: labeled!.id });
    await world.settle();
    expect(world.sim.requests.length).toBeGreaterThan(0); // it did reconcile…
    expect(world.sim.writes()).toEqual([]); // …and found nothing to change
    // Unchanged resources came back as 304 Not Modified, which costs no rate limit.
    expect(world.sim.requests.filter((r) => r.status === 304).length).toBeGreaterThan(0);
  });

  it("refuses unsigned and wrongly signed deliveries and changes nothing", async () => {
    world = await World.start({ mode: "app" });
    const alice = world.as("alice");
    const { data: issue } = await alice.rest.issues.create({
      owner: "acme",
      repo: "shop",
      title: "Not yet an incident",
    });
    await world.settle();
    const payload = {
      action: "labeled",
      issue: { ...issue, labels: [{ name: "incident" }] },
      label: { name: "incident" },
      repository: { name: "shop", full_name: FULL, owner: { login: "acme" } },
      sender: { login: "alice" },
      installation: { id: 1 },
    };
    world.sim.clearLog();
    const unsigned = await deliver(world.app!.webhookUrl, "issues", payload, { signature: "none" });
    const wrong = await deliver(world.app!.webhookUrl, "issues", payload, { signature: "wrong" });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    await world.settle();
    expect(world.sim.requests).toEqual([]);
    expect(world.labels(issue.number)).toEqual([]);
  });

  it("a malformed .github/expedite.yml is reported on the incident and in the log; other repositories keep working", async () => {
    world = await World.start({
      mode: "app",
      config: {
        business_hours: { timezone: "Mars/Olympus" },
        acknowledge: { within_business_hours: "soon" },
      },
    });
    const alice = world.as("alice");
    const { data: issue } = await alice.rest.issues.create({
      owner: "acme",
      repo: "shop",
      title: "Outage",
      labels: ["incident"],
    });
    await world.settle();
    const report = world
      .botComments(issue.number)
      .find((c) => c.body.startsWith("<!-- expedite:config-error"));
    expect(report?.body).toContain("business_hours.timezone");
    expect(report?.body).toContain("Mars/Olympus");
    expect(report?.body).toContain("acknowledge.within_business_hours");
    expect(world.labels(issue.number)).toEqual(["incident"]);
    const logged = world.logs.map(
      (l) => JSON.parse(l) as { level: number; msg: string; problems?: Array<{ key: string }> },
    );
    const error = logged.find((l) => l.msg === "invalid Expedite configuration");
    expect(error?.level).toBe(50);
    expect(error?.problems?.map((p) => p.key)).toContain("business_hours.timezone");

    // A second repository of the same installation with a valid (absent) config is served normally.
    world.sim.createRepo({
      owner: "acme",
      name: "api",
      defaultBranch: "main",
      files: { "README.md": "api" },
      ownerType: "Organization",
    });
    world.sim.setPermission("acme/api", "alice", "write");
    world.sim.installApp(4242, "acme", ["acme/shop", "acme/api"]);
    const { data: other } = await alice.rest.issues.create({
      owner: "acme",
      repo: "api",
      title: "API outage",
      labels: ["incident"],
    });
    await world.settle();
    expect(world.sim.issue("acme/api", other.number)?.labels.sort()).toEqual([
      "incident",
      "incident:declared",
      "sev:3",
    ]);

    // Fixing the file removes the report on the next reconcile and catches up on the incident.
    world.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { ".github/expedite.yml": "business_hours:\n  timezone: Europe/London\n" },
      author: "alice",
    });
    await alice.rest.issues.createComment({
      owner: "acme",
      repo: "shop",
      issue_number: issue.number,
      body: "/ack",
    });
    await world.settle();
    expect(world.botComments(issue.number).some((c) => c.body.startsWith("<!-- expedite:config-error"))).toBe(
      false,
    );
    expect(world.labels(issue.number)).toEqual(["incident", "incident:acknowledged", "sev:3"]);
  });
});
