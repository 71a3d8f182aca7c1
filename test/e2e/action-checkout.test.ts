import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { World, FULL, formBody, minutes, comment, openIncident, SEV3 } from "../harness/index.js";
import type { RecordedRequest } from "@expedite/github-simulator";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CONTENTS = "/repos/{owner}/{repo}/contents/{path}";
const configReads = (w: World) =>
  w.sim.requests.filter((r) => r.route === CONTENTS && r.path.endsWith("expedite.yml"));
const botRequests = (w: World): RecordedRequest[] =>
  w.sim.requests.filter((r) => r.identity === "github-actions[bot]");

// The shipped workflow checks out the default branch's `.github/` before the Action runs; the Action then
// takes its settings from the workspace instead of spending a request on them every run.
describe("the Action with the default branch checked out", () => {
  it("reads the configuration from the checkout, and sees a change on the default branch at the next run", async () => {
    world = await World.start({
      mode: "action",
      checkout: true,
      config: { labels: { declared: "incident:new" } },
    });
    const number = await openIncident(world, "alice", "Search is slow", formBody({ Severity: SEV3 }));
    await world.settle();
    for (const run of world.actionRuns) expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(world.labels(number)).toEqual(["incident", "incident:new", "sev:3"]);
    expect(configReads(world)).toEqual([]);
    expect(world.actionRuns.at(-1)?.stdout).toContain("Read .github/expedite.yml from the checkout of main");

    // Someone renames a label on the default branch: the next run's checkout brings it.
    world.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: {
        ".github/expedite.yml": stringify({ labels: { declared: "incident:new", acknowledged: "on-it" } }),
      },
      author: "dave",
    });
    await comment(world, "bob", number, "/ack");
    await world.settle();
    expect(world.labels(number)).toEqual(["incident", "on-it", "sev:3"]);
    expect(configReads(world)).toEqual([]);
    expect(world.sim.validationErrors).toEqual([]);
  });

  it("serves template overrides from the checkout too, and a scheduled run reads neither settings nor the repository", async () => {
    world = await World.start({
      mode: "action",
      checkout: true,
      config: { templates: { directory: ".github/expedite" } },
      files: {
        ".github/expedite/board.md.mustache": "Status board (house style) for #{{{number}}}: {{{state}}}\n",
      },
    });
    const number = await openIncident(world, "alice", "Search is slow", formBody({ Severity: SEV3 }));
    await world.settle();
    expect(world.board(number)).toMatch(/Status board \(house style\) for #1/);
    world.sim.clearLog();
    world.clock.advance(minutes(5));
    await world.sweep();
    expect(world.actionRuns.at(-1)?.code).toBe(0);
    const routes = botRequests(world).map((r) => r.route);
    expect(routes).not.toContain(CONTENTS);
    // GitHub's schedule payload names no repository; the default branch comes from GITHUB_REF instead.
    expect(routes).not.toContain("/repos/{owner}/{repo}");
  });

  it("reports a malformed configuration found in the checkout, with the key and how to fix it", async () => {
    world = await World.start({ mode: "action", checkout: true });
    world.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { ".github/expedite.yml": stringify({ acknowledge: { within_business_hours: "soon" } }) },
      author: "dave",
    });
    const number = await openIncident(world, "alice", "Search is slow", formBody({ Severity: SEV3 }));
    await world.settle();
    const run = world.actionRuns.at(-1)!;
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(
      /Invalid \.github\/expedite\.yml: acknowledge\.within_business_hours \(line 2\) = "soon": expected a duration/,
    );
    const report = world
      .botComments(number)
      .find((c) => c.body.includes("acknowledge.within_business_hours"));
    expect(report?.body).toMatch(/soon/);
    expect(configReads(world)).toEqual([]);
  });

  // A pull request must not bring its own settings to the check that judges it. Each of these
  // workspaces says "no freeze"; the default branch says a freeze is on, and that is what counts.
  it.each([
    ["a pull request's merge commit (detached HEAD)", "0123456789abcdef0123456789abcdef01234567", FULL],
    ["another branch", "ref: refs/heads/feature", FULL],
    ["another repository's default branch", "ref: refs/heads/main", "mallory/shop"],
  ])("does not believe a checkout of %s", async (_what, head, origin) => {
    world = await World.start({
      mode: "action",
      config: {
        freeze: {
          approvers: ["dave"],
          windows: [{ name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" }],
        },
      },
    });
    world.clock.advance(minutes(61));
    const workspace = mkdtempSync(join(tmpdir(), "expedite-untrusted-"));
    mkdirSync(join(workspace, ".git"));
    mkdirSync(join(workspace, ".github"));
    writeFileSync(join(workspace, ".git", "HEAD"), `${head}\n`);
    writeFileSync(
      join(workspace, ".git", "config"),
      `[remote "origin"]\n\turl = https://github.com/${origin}.git\n`,
    );
    writeFileSync(join(workspace, ".github", "expedite.yml"), stringify({ freeze: { windows: [] } }));

    world.sim.pushCommit({
      repo: FULL,
      branch: "banner",
      files: { "src/banner.ts": "export {};\n" },
      author: "alice",
    });
    await world.as("alice").rest.pulls.create({
      owner: "acme",
      repo: "shop",
      head: "banner",
      base: "main",
      title: "Add a banner",
    });
    const opened = world.sim.deliveries.find((d) => d.event === "pull_request")!;
    const run = await world.runAction("pull_request", opened.payload, { GITHUB_WORKSPACE: workspace });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const sha = world.sim.pull(FULL, 1)!.head.sha;
    const check = world.sim.checkRuns(FULL, sha).find((r) => r.name === "expedite/freeze");
    expect(check?.conclusion).toBe("failure");
    expect(configReads(world)).toHaveLength(1);
  });

  it("never follows a symbolic link out of the checkout", async () => {
    world = await World.start({ mode: "action", config: { labels: { declared: "incident:new" } } });
    const outside = mkdtempSync(join(tmpdir(), "expedite-outside-"));
    writeFileSync(join(outside, "elsewhere.yml"), stringify({ labels: { declared: "from-outside" } }));
    const workspace = mkdtempSync(join(tmpdir(), "expedite-linked-"));
    world.checkoutDefaultBranch(workspace, () => false);
    mkdirSync(join(workspace, ".github"));
    symlinkSync(join(outside, "elsewhere.yml"), join(workspace, ".github", "expedite.yml"));

    const number = await openIncident(world, "alice", "Search is slow", formBody({ Severity: SEV3 }));
    const opened = world.sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const run = await world.runAction("issues", opened.payload, { GITHUB_WORKSPACE: workspace });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(world.labels(number)).toContain("incident:new");
    expect(world.labels(number)).not.toContain("from-outside");
    expect(configReads(world)).toHaveLength(1);
  });
});
