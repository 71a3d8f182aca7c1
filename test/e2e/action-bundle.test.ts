import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { World, ACTIONS_BOT, FULL, formBody, comment, openPull } from "../harness/index.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

// Runs the checked-in dist/index.js as a child process, the way a runner does (CI repeats this file
// under Node 24, the Action's runtime).
describe(`the bundled Action (node ${process.version})`, () => {
  it("reconciles an incident from the workflow event, writes outputs and a job summary, and is idempotent", async () => {
    world = await World.start({ mode: "action" });
    const alice = world.as("alice");
    const { data: issue } = await alice.rest.issues.create({
      owner: "acme",
      repo: "shop",
      title: "Search returns nothing",
      body: formBody({
        Summary: "Every search is empty",
        Severity:
          "SEV3 – Minor: something is degraded for some customers, a reasonable workaround exists, no direct revenue loss",
      }),
      labels: ["incident"],
    });
    await world.settle();
    expect(world.actionRuns.length).toBeGreaterThan(0);
    for (const run of world.actionRuns) expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(world.labels(issue.number)).toEqual(["incident", "incident:declared", "sev:3"]);
    const boards = world.sim
      .comments("acme/shop", issue.number)
      .filter((c) => c.body.startsWith("<!-- expedite:board"));
    expect(boards).toHaveLength(1);
    expect(boards[0]?.user).toBe(ACTIONS_BOT);
    const last = world.actionRuns.at(-1)!;
    expect(last.outputs).toMatch(/writes/);
    expect(last.summary).toContain("Expedite");
    expect(world.sim.validationErrors).toEqual([]);

    // The same event again: a second workflow run finds nothing to change and writes nothing.
    const opened = world.sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    world.sim.clearLog();
    const again = await world.runAction("issues", opened.payload);
    expect(again.code).toBe(0);
    expect(world.sim.writes()).toEqual([]);
    expect(world.actionRuns.at(-1)?.outputs).toMatch(/writes<<.*\n0\n|writes=0/s);
  });

  it("fails the step with a clear message when the token is refused", async () => {
    world = await World.start({ mode: "action" });
    const alice = world.as("alice");
    await alice.rest.issues.create({ owner: "acme", repo: "shop", title: "Down", labels: ["incident"] });
    const opened = world.sim.deliveries.find((d) => d.event === "issues")!;
    const run = await world.runAction("issues", opened.payload, { INPUT_TOKEN: "not-a-token" });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error::Expedite failed: .*Bad credentials/);
  });

  it("dry-run prints an incident's plan in the log and the job summary, and writes nothing", async () => {
    world = await World.start({ mode: "action" });
    const alice = world.as("alice");
    await alice.rest.issues.create({ owner: "acme", repo: "shop", title: "Down", labels: ["incident"] });
    const opened = world.sim.deliveries.find((d) => d.event === "issues")!;
    world.sim.clearLog();
    const run = await world.runAction("issues", opened.payload, { "INPUT_DRY-RUN": "true" });
    expect(run.code).toBe(0);
    expect(world.sim.writes()).toEqual([]);
    expect(run.stdout).toMatch(/\[dry-run\] would add label\(s\) .*incident:declared.* to #1/);
    expect(run.stdout).toMatch(/\[dry-run\] would post a comment \(board\) on #1: /);
    const summary = world.actionRuns.at(-1)!.summary;
    expect(summary).toContain("Planned writes");
    expect(summary).toMatch(/<li>would post a comment \(board\) on #1: /);
  });

  it("dry-run prints a pull request's plan (the reply and the check run) instead of writing it", async () => {
    // In a launch-day freeze (the world starts at 10:00 New York), a pull request is red; then someone who
    // cannot approve asks for an exception, and the run for that comment is a dry run.
    world = await World.start({
      mode: "action",
      config: {
        freeze: {
          approvers: ["dave"],
          windows: [{ name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" }],
        },
      },
    });
    const w = world;
    w.clock.advance(61 * 60_000);
    const pull = await openPull(w, "alice", "banner", "Add a banner");
    await w.settle();
    const sha = w.sim.pull(FULL, pull)!.head.sha;
    await comment(w, "alice", pull, "/freeze-exception the banner must go out with the launch");
    const asked = w.sim.deliveries.filter((d) => d.event === "issue_comment").at(-1)!;
    w.sim.clearLog();
    const run = await w.runAction("issue_comment", asked.payload, { "INPUT_DRY-RUN": "true" });
    expect(run.code, run.stdout).toBe(0);
    expect(w.sim.writes()).toEqual([]);
    // The plan, in words: nothing was even sent for the safety net to stop.
    expect(run.stdout).not.toMatch(/\[dry-run\] stopped/);
    const reply = `would post a reply on #${pull}: 📝 Freeze exception **requested** by @alice for \`${sha.slice(0, 7)}\``;
    const check = `would set check run expedite/freeze on ${sha.slice(0, 7)} to failure: Code freeze: Launch day`;
    expect(run.stdout).toContain(`[dry-run] ${reply}`);
    expect(run.stdout).toContain(`[dry-run] ${check}`);
    const summary = w.actionRuns.at(-1)!.summary;
    expect(summary).toContain(`<li>${reply}`);
    expect(summary).toContain(`<li>${check}`);
    // The same run without dry-run writes exactly that: one reply and the check.
    await w.runAction("issue_comment", asked.payload);
    expect(w.botComments(pull).map((c) => c.body)).toEqual([
      expect.stringContaining("**requested** by @alice"),
    ]);
    expect(w.sim.checkRuns(FULL, sha).at(-1)?.output.summary).toMatch(/asked for an exception/);
  });

  it("labels that GitHub created by use get Expedite's colours on the next full pass, once", async () => {
    world = await World.start({ mode: "action" });
    const w = world;
    // Adding a label that does not exist creates it grey and undescribed; runs outside the full pass
    // do not list labels first.
    const { data: issue } = await w
      .as("alice")
      .rest.issues.create({ owner: "acme", repo: "shop", title: "Down", labels: ["incident"] });
    await w.settle();
    const label = async (name: string) =>
      (await w.as("dave").rest.issues.getLabel({ owner: "acme", repo: "shop", name })).data;
    expect((await label("incident:declared")).color).toBe("ededed");
    expect(w.labels(issue.number)).toContain("incident:declared");

    // The world starts on the hour, so a sweep a minute later is the periodic full pass.
    w.clock.advance(60_000);
    await w.sweep();
    expect(w.actionRuns.at(-1)?.code).toBe(0);
    expect(await label("incident")).toMatchObject({
      color: "b60205",
      description: expect.stringMatching(/incident/i),
    });
    expect(await label("incident:declared")).toMatchObject({ color: "d93f0b" });
    expect((await label("sev:1")).color).toBe("b60205");

    // A label someone recoloured on purpose is theirs; the next full pass changes nothing.
    await w
      .as("dave")
      .rest.issues.updateLabel({ owner: "acme", repo: "shop", name: "incident", color: "000000" });
    w.sim.clearLog();
    w.clock.advance(60_000);
    await w.sweep();
    expect(w.sim.writes().filter((r) => r.route.startsWith("/repos/{owner}/{repo}/labels"))).toEqual([]);
    expect((await label("incident")).color).toBe("000000");
  });
});

describe("the Action outside a runner", () => {
  it("runs with the dry-run input absent, as tools that skip action.yml's defaults leave it", async () => {
    world = await World.start({ mode: "action" });
    await world
      .as("alice")
      .rest.issues.create({ owner: "acme", repo: "shop", title: "Down", labels: ["incident"] });
    const opened = world.sim.deliveries.find((d) => d.event === "issues")!;
    const run = await world.runAction("issues", opened.payload, { "INPUT_DRY-RUN": undefined });
    expect(run.stdout).not.toMatch(/YAML 1\.2/);
    expect(run.code, run.stdout).toBe(0);
    expect(world.labels(1)).toContain("incident:declared");
  });

  it("exports run() for @github/local-action, and importing it runs nothing", async () => {
    const script = (call: boolean) =>
      `const m = await import("./src/action/main.ts"); console.log("run is a " + typeof m.run);${call ? " await m.run();" : ""}`;
    const node = (call: boolean) =>
      new Promise<string>((resolve) =>
        execFile(
          process.execPath,
          ["--import", "tsx", "--input-type=module", "-e", script(call)],
          { cwd: ROOT, env: { PATH: process.env.PATH ?? "" } },
          (_error, stdout) => resolve(stdout),
        ),
      );
    const imported = await node(false);
    expect(imported).toContain("run is a function");
    expect(imported).not.toMatch(/::error::/);
    // Called, it is the Action: here with no token, it says what to pass.
    expect(await node(true)).toMatch(/::error::Expedite failed: No token/);
  });
});

describe("a pull request from a fork", () => {
  it("a refused write says what really happens with fork pull requests instead of asking for permissions the workflow has", async () => {
    world = await World.start({ mode: "action" });
    const w = world;
    w.sim.pushCommit({
      repo: "acme/shop",
      branch: "patch",
      files: { "src/patch.ts": "export {};\n" },
      author: "alice",
    });
    await w
      .as("alice")
      .rest.pulls.create({ owner: "acme", repo: "shop", head: "patch", base: "main", title: "Patch" });
    const opened = w.sim.deliveries.find((d) => d.event === "pull_request")!;
    // What GitHub sends for a fork: the head lives in the contributor's repository, and the run's token is
    // read-only, so every write is refused with 403.
    const payload = structuredClone(opened.payload) as {
      pull_request: { head: { repo: { full_name: string } } };
    };
    payload.pull_request.head.repo.full_name = "mallory/shop";
    w.sim.addFault({
      method: "POST",
      route: "/repos/{owner}/{repo}/check-runs",
      status: 403,
      times: Infinity,
    });
    w.sim.addFault({
      method: "PATCH",
      route: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
      status: 403,
      times: Infinity,
    });
    const run = await w.runAction("pull_request", payload);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/pull request from a fork/);
    expect(run.stdout).toMatch(/adding permissions will not help/);
    expect(run.stdout).toMatch(/pull_request_target/);
    expect(run.stdout).not.toMatch(/give the workflow `permissions:`/);
  });
});
