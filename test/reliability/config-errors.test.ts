import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { FULL, APP_ID, comment } from "../harness/index.js";
import type { World } from "../harness/index.js";
import { declareIncident, kinds, logLines, repo } from "./support/incidents.js";
import { startWorld } from "./support/worlds.js";

// A configuration mistake must be found by the people who made it, where they look (the incident, the
// pull request) and in the operator's log, and must not spill over to the installation's other
// repositories. Each test breaks acme/shop and checks acme/api, installed alongside, is served normally.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A second repository of the same installation, with no configuration file at all. */
async function neighbour(w: World): Promise<number> {
  w.sim.createRepo({
    owner: "acme",
    name: "api",
    defaultBranch: "main",
    files: { "README.md": "api\n" },
    ownerType: "Organization",
  });
  w.sim.setPermission("acme/api", "alice", "write");
  w.sim.installApp(APP_ID, "acme", [FULL, "acme/api"]);
  const { data } = await w
    .as("alice")
    .rest.issues.create({ owner: "acme", repo: "api", title: "API down", labels: ["incident"] });
  await w.settle();
  return data.number;
}

function expectServed(w: World, number: number) {
  expect(w.sim.issue("acme/api", number)?.labels.sort()).toEqual(["incident", "incident:declared", "sev:3"]);
  expect(
    w.sim
      .comments("acme/api", number)
      .filter((c) => c.user === w.bot)
      .map((c) => c.body.split(" ")[1]),
  ).toEqual(["expedite:checklist", "expedite:board"]);
}

/** The config-error report on an incident, and the error the App logged for it. */
function reports(w: World, number: number) {
  const report = w.botComments(number).find((c) => c.body.startsWith("<!-- expedite:config-error"))?.body;
  const logged = logLines(w).find((l) => l.msg === "invalid Expedite configuration");
  return { report, logged: logged ? JSON.stringify(logged) : undefined, level: logged?.level };
}

describe("configuration errors in production (App mode)", () => {
  it("an `_extends` pointing at a repository that does not exist is reported on the incident and in the log", async () => {
    world = await startWorld({
      mode: "app",
      config: { _extends: "acme/expedite-settings", oncall: { primary: "erin" } },
    });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const { report, logged, level } = reports(w, number);
    expect(report).toContain("`_extends`");
    expect(report).toContain("acme/expedite-settings");
    expect(level).toBe(50);
    expect(logged).toContain("_extends");
    expect(logged).toContain("acme/expedite-settings");
    // Paused, not half-working: no state labels were guessed.
    expect(w.labels(number)).toEqual(["incident"]);
    expectServed(w, await neighbour(w));

    // Fixing the file clears the report and catches up.
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { ".github/expedite.yml": stringify({ oncall: { primary: "erin" } }) },
      author: "dave",
    });
    await comment(w, "bob", number, "/ack");
    await w.settle();
    expect(kinds(w, number)).not.toContain("config-error");
    expect(w.labels(number)).toContain("incident:acknowledged");
  });

  it("an `_extends` pointing at a file that does not parse is reported too", async () => {
    world = await startWorld({ mode: "app", config: { _extends: ".github:shared/expedite.yml" } });
    const w = world;
    w.sim.createRepo({
      owner: "acme",
      name: ".github",
      defaultBranch: "main",
      files: { "shared/expedite.yml": "business_hours:\n  timezone: [unclosed\n" },
      ownerType: "Organization",
    });
    w.sim.installApp(APP_ID, "acme", [FULL, "acme/.github"]);
    const number = await declareIncident(w);
    await w.settle();
    const { report, logged } = reports(w, number);
    expect(report, "reported on the incident").toBeDefined();
    expect(report).toMatch(/YAML|parse|_extends/i);
    expect(logged).toBeDefined();
    expect(w.labels(number)).toEqual(["incident"]);
  });

  it("an unknown time zone is reported with the key, the value and how to fix it; the neighbour is unaffected", async () => {
    world = await startWorld({
      mode: "app",
      config: {
        business_hours: { timezone: "Europe/Atlantis" },
        freeze: {
          windows: [
            { name: "Launch", start: "2026-11-17T11:00", end: "2026-11-17T13:00", timezone: "Mars/Olympus" },
          ],
        },
      },
    });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const { report, logged } = reports(w, number);
    expect(report).toContain("business_hours.timezone");
    expect(report).toContain("Europe/Atlantis");
    expect(report).toContain("freeze.windows.0.timezone");
    expect(report).toContain("Mars/Olympus");
    expect(report).toMatch(/America\/New_York/);
    expect(logged).toContain("Europe/Atlantis");
    // A pull request in the broken repository is told too, with a failing check rather than no check.
    w.sim.pushCommit({ repo: FULL, branch: "tidy", files: { "src/tidy.ts": "x\n" }, author: "alice" });
    const { data: pr } = await w
      .as("alice")
      .rest.pulls.create({ ...repo, head: "tidy", base: "main", title: "Tidy" });
    await w.settle();
    const check = w.sim
      .checkRuns(FULL, w.sim.pull(FULL, pr.number)!.head.sha)
      .find((r) => r.name === "expedite/freeze");
    expect(check?.conclusion).toBe("failure");
    expect(`${check?.output.title} ${check?.output.summary}`).toContain("Europe/Atlantis");
    expectServed(w, await neighbour(w));
  });

  it("a duration too large to compute is refused when the config is read, not crashed on at every reconcile", async () => {
    world = await startWorld({
      mode: "app",
      config: { acknowledge: { within_business_hours: "99999999999999999999m" } },
    });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const { report } = reports(w, number);
    expect(report, "reported on the incident").toBeDefined();
    expect(report).toContain("acknowledge.within_business_hours");
    expect(logLines(w).filter((l) => l.msg.startsWith("reconcile failed"))).toEqual([]);
  });

  it("a repository template that does not parse is reported on the incident and in the log, and the bundled one is used", async () => {
    world = await startWorld({
      mode: "app",
      config: { templates: { directory: ".github/expedite" } },
      files: { ".github/expedite/board.md.mustache": "## {{#title}}Unclosed section for {{number}}\n" },
    });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    // The bundled board is there and complete.
    expect(w.board(number)).toContain(`Incident #${number}`);
    expect(w.board(number)).toContain("### Timeline");
    expect(w.labels(number)).toContain("incident:declared");
    // The log names the file.
    const warning = logLines(w).find((l) => l.msg === "repository template problems");
    expect(warning?.level).toBe(40);
    expect(JSON.stringify(warning)).toContain(".github/expedite/board.md.mustache");
    // And so does GitHub, where the person who wrote the template will look.
    const said = w.botComments(number).some((c) => c.body.includes(".github/expedite/board.md.mustache"));
    expect(said, "the broken template is named on the incident").toBe(true);
    expectServed(w, await neighbour(w));
  });

  it("a template directory that does not exist falls back to the bundled templates without a false alarm", async () => {
    world = await startWorld({
      mode: "app",
      config: { templates: { directory: ".github/incident-templates" } },
    });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    expect(kinds(w, number)).toEqual(["board", "checklist"]);
    expect(w.board(number)).toContain("### Timeline");
    expect(logLines(w).filter((l) => l.msg === "repository template problems" || l.level >= 50)).toEqual([]);
  });

  it("the Action fails the run with the problems listed, and reports them on the incident", async () => {
    world = await startWorld({
      mode: "action",
      config: { business_hours: { timezone: "Europe/Atlantis" } },
    });
    const w = world;
    const number = await declareIncident(w);
    const opened = w.sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;
    const run = await w.runAction("issues", opened.payload);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error::.*business_hours\.timezone.*Europe\/Atlantis/);
    expect(w.actionRuns.at(-1)?.summary).toContain("Europe/Atlantis");
    expect(reports(w, number).report).toContain("business_hours.timezone");
  });
});
