import { afterEach, describe, expect, it } from "vitest";
import {
  World,
  FULL,
  formBody,
  minutes,
  comment,
  openIncident,
  SEV1,
  SEV2,
  SEV3,
  SEV4,
} from "../harness/index.js";
import type { Mode } from "../harness/index.js";
import { PLAYBOOK_LADDERS } from "../unit/clocks/playbookLadders.js";

// Issue 18: where Expedite contradicted a playbook, checked end to end in both modes.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const notices = (w: World, number: number, type: string) =>
  w.botComments(number).filter((c) => c.body.startsWith(`<!-- expedite:notice type=${type}`));

describe.each<Mode>(["app", "action"])("playbook fidelity (%s mode)", (mode) => {
  it("counts escalation from the report, not from a backdated start, and says how long it really ran", async () => {
    world = await World.start({
      mode,
      config: { escalation: { ladders: PLAYBOOK_LADDERS }, oncall: { primary: "erin" } },
    });
    const w = world;
    const reported = w.clock.now();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({
        Summary: "Checkout down",
        Severity: SEV1,
        "Revenue affected": "Yes",
        "When did it start?": "2h ago",
      }),
    );
    await w.settle();
    await w.sweep();
    // Declared two hours after the problem began: no step is due at the moment of declaration.
    expect(notices(w, number, "escalation")).toHaveLength(0);
    w.clock.set(reported + minutes(29));
    await w.sweep();
    expect(notices(w, number, "escalation")).toHaveLength(0);
    w.clock.set(reported + minutes(31));
    await w.sweep();
    const posted = notices(w, number, "escalation");
    expect(posted).toHaveLength(1);
    expect(posted[0]?.body).toMatch(/@tech-leads/);
    expect(posted[0]?.body).not.toMatch(/@cto/);
    expect(posted[0]?.body).toMatch(/has run for 2h 31m \(reported 31m ago\)/);
    expect(posted[0]?.body).toMatch(/after 30m from the report/);
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])("a broken configuration (%s mode)", (mode) => {
  it("keeps paging on the last valid version from the file's history and says loudly that the new one is refused", async () => {
    world = await World.start({ mode, config: { oncall: { primary: "erin" } } });
    const w = world;
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { ".github/expedite.yml": "oncall:\n  primary: erin\nbusiness_hours:\n  timzone: UTC\n" },
      author: "dave",
    });
    await w.settle();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "Checkout down", Severity: SEV1, "Revenue affected": "Yes" }),
    );
    await w.settle();
    // Not paused: labels, the on-call engineer and the board are there, from the earlier version.
    expect(w.labels(number)).toEqual(
      expect.arrayContaining(["incident:declared", "sev:1", "impact:revenue"]),
    );
    expect(w.sim.issue(FULL, number)?.assignees).toEqual(["erin"]);
    expect(w.board(number)).toBeDefined();
    const refusal = w
      .botComments(number)
      .find((c) => c.body.startsWith("<!-- expedite:config-refused"))?.body;
    expect(refusal).toMatch(/refused the new `\.github\/expedite\.yml`/);
    expect(refusal).toMatch(/last valid version, from commit `[0-9a-f]{7}`/);
    expect(refusal).toContain("| `business_hours.timzone` (line 4) |");
    expect(refusal).toMatch(/did you mean `timzone` → `timezone`\?/);
    if (mode === "action") {
      const run = w.actionRuns.at(-1);
      expect(run?.code).not.toBe(0);
      expect(run?.stdout).toMatch(/::error::Refused \.github\/expedite\.yml/);
    } else {
      expect(w.logs.some((l) => l.includes("working from its last valid version"))).toBe(true);
    }

    // Fixed: the notice goes.
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { ".github/expedite.yml": "oncall:\n  primary: erin\nbusiness_hours:\n  timezone: UTC\n" },
      author: "dave",
    });
    await w.settle();
    await comment(w, "bob", number, "/ack");
    await w.settle();
    expect(w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:config-refused"))).toEqual(
      [],
    );
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])("out of hours and unknown revenue (%s mode)", (mode) => {
  it("a minor non-revenue incident at 23:00 on a Saturday waits for the office; an unknown-revenue one pages as revenue", async () => {
    // Saturday 2026-11-21 23:00 in New York.
    world = await World.start({
      mode,
      config: { oncall: { primary: "erin" } },
      start: "2026-11-22T04:00:00Z",
    });
    const w = world;
    const saturday = w.clock.now();
    const minor = await openIncident(
      w,
      "alice",
      "[Incident] Typo on the careers page",
      formBody({ Summary: "Typo", Severity: SEV4, "Revenue affected": "No" }),
    );
    const unknown = await openIncident(
      w,
      "alice",
      "[Incident] Some orders missing",
      formBody({ Summary: "Orders missing", Severity: SEV2, "Revenue affected": "Unknown" }),
    );
    await w.settle();
    // The minor one: nobody assigned or told at night, and the board says why.
    expect(w.sim.issue(FULL, minor)?.assignees).toEqual([]);
    expect(notices(w, minor, "oncall")).toHaveLength(0);
    expect(w.board(minor)).toMatch(
      /it waits for the office\. Clocks start and the on-call engineer is assigned at 2026-11-23 12:00 UTC \(07:00 EST\)/,
    );
    // The unknown one: treated as revenue, labelled and said so.
    expect(w.labels(unknown)).toContain("impact:revenue");
    expect(w.board(unknown)).toMatch(/treated as affected.*“unknown”/);
    expect(w.sim.issue(FULL, unknown)?.assignees).toEqual(["erin"]);

    w.clock.set(saturday + minutes(61));
    await w.sweep();
    expect(notices(w, minor, "ack-breach")).toHaveLength(0);
    expect(notices(w, minor, "escalation")).toHaveLength(0);
    // The revenue ladder's first step, at 30 minutes from the report.
    expect(notices(w, unknown, "escalation")).toHaveLength(1);
    expect(notices(w, unknown, "escalation")[0]?.body).toMatch(/Revenue is hit/);

    // Monday 07:16: the office is open, the minor incident is given to the on-call engineer and its
    // 15-minute acknowledgement allowance has run out.
    w.clock.set(Date.parse("2026-11-23T12:16:00Z"));
    await w.sweep();
    expect(w.sim.issue(FULL, minor)?.assignees).toEqual(["erin"]);
    expect(notices(w, minor, "ack-breach")).toHaveLength(1);
    expect(notices(w, minor, "escalation")).toHaveLength(0);
    w.clock.set(Date.parse("2026-11-23T12:31:00Z"));
    await w.sweep();
    expect(notices(w, minor, "escalation")).toHaveLength(1);
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])("closing an incident (%s mode)", (mode) => {
  it("a SEV3's shortcut becomes a follow-up issue at close, once; a SEV1 gets the four-question summary at resolution too", async () => {
    world = await World.start({ mode, config: { oncall: { primary: "erin" } } });
    const w = world;
    const minor = await openIncident(
      w,
      "alice",
      "[Incident] Search slow",
      formBody({ Summary: "Search is slow", Severity: SEV3, "Revenue affected": "No" }),
    );
    await w.settle();
    await comment(
      w,
      "bob",
      minor,
      "/deviation Deployed the index fix straight to production without staging",
    );
    await w.settle();
    await comment(w, "bob", minor, "/resolve Rebuilt the search index; queries are back under 200 ms");
    await w.settle();
    expect(w.sim.issue(FULL, minor)?.state).toBe("closed");
    const debt = () =>
      w.sim
        .issues(FULL)
        .filter((i) => i.labels.includes("incident-followup") && i.body?.includes(`incident=${minor} `));
    expect(debt()).toHaveLength(1);
    expect(debt()[0]?.title).toMatch(/^Pay back: Deployed the index fix straight to production/);
    expect(debt()[0]?.body).toContain(`incident [#${minor}]`);
    await w.sweep();
    await comment(w, "bob", minor, "/note checked again in the morning");
    await w.settle();
    expect(debt()).toHaveLength(1);

    const major = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({
        Summary: "Checkout returns 500 for every order",
        Severity: SEV1,
        "Revenue affected": "Yes",
      }),
    );
    await w.settle();
    await comment(
      w,
      "bob",
      major,
      "/resolve Rolled back release 42; checkout has answered normally since 10:40",
    );
    await w.settle();
    const summary = w.botComments(major).find((c) => c.body.startsWith("<!-- expedite:summary"))?.body;
    expect(summary).toMatch(/\*\*What happened\*\*/);
    expect(summary).toMatch(/\*\*Customer impact\*\*/);
    expect(summary).toMatch(/\*\*Resolution\*\*\s+> Rolled back release 42/);
    expect(summary).toMatch(/A post-mortem pull request follows/);
    expect(w.labels(major)).toContain("incident:postmortem");
    expect(w.sim.issue(FULL, major)?.state).toBe("open");
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])("a repository as GitHub creates it (%s mode)", (mode) => {
  it("keeps GitHub's nine default labels, adds its own once (incident-fix when an incident's freeze first holds a pull request), and never repaints an upper-case colour", async () => {
    world = await World.start({ mode });
    const w = world;
    // As the README's `gh label create incident --color B60205` leaves it.
    await w
      .as("dave")
      .rest.issues.createLabel({ owner: "acme", repo: "shop", name: "incident", color: "B60205" });
    const labels = async () =>
      (
        await w
          .as("dave")
          .paginate(w.as("dave").rest.issues.listLabelsForRepo, { owner: "acme", repo: "shop" })
      )
        .map((l) => `${l.name}:${l.color}`)
        .sort();
    // Labels are made where an incident needs them: the first incident, then a manual run or sweep; the
    // incident-fix label once the SEV1's freeze holds a pull request whose check suggests it.
    await openIncident(w, "alice", "[Incident] Down", formBody({ Summary: "Down", Severity: SEV1 }));
    await w.settle();
    w.sim.pushCommit({
      repo: FULL,
      branch: "banner",
      files: { "src/banner.ts": "export {};\n" },
      author: "bob",
    });
    await w
      .as("bob")
      .rest.pulls.create({ owner: "acme", repo: "shop", head: "banner", base: "main", title: "Banner" });
    await w.settle();
    const setUp = async () =>
      mode === "app"
        ? w.sweep()
        : void (await w.runAction("workflow_dispatch", {
            ref: "refs/heads/main",
            repository: { full_name: FULL, default_branch: "main", html_url: "https://github.com/acme/shop" },
          }));
    await setUp();
    const after = await labels();
    for (const name of ["bug:d73a4a", "good first issue:7057ff", "wontfix:ffffff", "incident:B60205"])
      expect(after).toContain(name);
    expect(after.some((l) => l.startsWith("incident-fix:"))).toBe(true);
    expect(after.some((l) => l.startsWith("incident:declared:"))).toBe(true);
    w.sim.clearLog();
    // A new process (a restarted App) or a new run lists the labels afresh, and finds nothing to write.
    if (mode === "app") await (await w.replica()).expedite.sweepAll();
    else await setUp();
    expect(w.sim.writes().filter((r) => r.path.includes("/labels"))).toEqual([]);
    expect(await labels()).toEqual(after);
  });
});
