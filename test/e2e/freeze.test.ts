import { afterEach, describe, expect, it } from "vitest";
import {
  World,
  FULL,
  APP_ID,
  formBody,
  minutes,
  addLabel,
  comment,
  openIncident,
  openPull,
  removeLabel,
  SEV1,
} from "../harness/index.js";
import type { Mode } from "../harness/index.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

// The world starts Tuesday 2026-11-17 10:00 in New York; the window runs 11:00–13:00 local.
const CONFIG = {
  oncall: { primary: "erin" },
  freeze: {
    approvers: ["dave"],
    windows: [{ name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" }],
  },
  severity: { postmortem: [] },
};

function check(w: World, number: number) {
  const sha = w.sim.pull(FULL, number)!.head.sha;
  const runs = w.sim.checkRuns(FULL, sha).filter((r) => r.name === "expedite/freeze");
  return { runs, latest: runs.at(-1) };
}

async function merge(w: World, number: number): Promise<number> {
  try {
    const result = await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: number });
    return result.status;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe.each<Mode>(["app", "action"])("code freeze (%s mode)", (mode) => {
  it("blocks merges in a window, opens them at its end, and lets an approver's exception through", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const start = w.clock.now();
    w.sim.setRequiredChecks(FULL, "main", [
      { context: "expedite/freeze", ...(mode === "app" ? { appId: APP_ID } : {}) },
    ]);

    // Before the window: green.
    const early = await openPull(w, "alice", "early", "Tidy the basket code");
    await w.settle();
    expect(check(w, early).latest?.conclusion).toBe("success");

    // The window starts: the scheduled reconcile turns the green PR red.
    w.clock.set(start + minutes(61));
    await w.sweep();
    expect(check(w, early).latest?.conclusion).toBe("failure");
    expect(check(w, early).runs).toHaveLength(1);

    // A PR opened during the window is red, and GitHub refuses to merge it.
    const during = await openPull(w, "alice", "during", "Add a banner");
    await w.settle();
    const red = check(w, during).latest!;
    expect(red.conclusion).toBe("failure");
    expect(red.output.title).toMatch(/Launch day/);
    expect(red.output.title).toMatch(/13:00/);
    expect(red.output.summary).toMatch(/\/freeze-exception/);
    expect(red.output.summary).toMatch(/dave/);
    expect(await merge(w, during)).toBe(405);

    // A request from someone who cannot approve is recorded and changes nothing.
    await comment(w, "alice", during, "/freeze-exception the banner must go out with the launch");
    await w.settle();
    expect(check(w, during).latest?.conclusion).toBe("failure");
    const request = w.botComments(during).find((c) => c.body.startsWith("<!-- expedite:exception"));
    expect(request?.body).toMatch(/requested/);
    expect(request?.body).toMatch(/@dave|@erin/);

    // An approver grants it: green for this head SHA, and recorded.
    await comment(w, "dave", during, "/freeze-exception approved: copy change only, reviewed");
    await w.settle();
    expect(check(w, during).latest?.conclusion).toBe("success");
    expect(check(w, during).latest?.output.title).toMatch(/exception/i);
    expect(w.botComments(during).filter((c) => c.body.includes("**granted**"))).toHaveLength(1);

    // A new push needs a new grant.
    w.sim.pushCommit({
      repo: FULL,
      branch: "during",
      files: { "src/during.ts": "export const x = 2;\n" },
      author: "alice",
    });
    await w.settle();
    expect(check(w, during).latest?.conclusion).toBe("failure");

    // Nothing changed: a reconcile writes nothing.
    await w.sweep();
    w.sim.clearLog();
    await w.sweep();
    expect(w.sim.writes()).toEqual([]);

    // The window ends: the scheduled reconcile turns every PR green and the merge goes through.
    w.clock.set(start + minutes(181));
    await w.sweep();
    expect(check(w, early).latest?.conclusion).toBe("success");
    expect(check(w, during).latest?.conclusion).toBe("success");
    expect(await merge(w, early)).toBe(200);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("a sev 1 incident freezes until it is resolved, and its hotfix passes throughout; merge groups get the check", async () => {
    world = await World.start({ mode, config: { ...CONFIG, freeze: { ...CONFIG.freeze, windows: [] } } });
    const w = world;
    const feature = await openPull(w, "alice", "feature", "New checkout button");
    await w.settle();
    expect(check(w, feature).latest?.conclusion).toBe("success");

    const incident = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "500s", Severity: SEV1 }),
    );
    await w.settle();
    expect(check(w, feature).latest?.conclusion).toBe("failure");
    expect(check(w, feature).latest?.output.title).toMatch(new RegExp(`#${incident}`));

    const hotfix = await openPull(w, "bob", "hotfix", "Fix checkout 500s", `Fixes #${incident}`);
    await w.settle();
    expect(check(w, hotfix).latest?.conclusion).toBe("success");

    // The merge queue asks for the check on its temporary branch.
    const group = w.sim.enqueueMergeGroup(FULL, feature);
    await w.settle();
    const groupRun = w.sim.checkRuns(FULL, group.headSha).find((r) => r.name === "expedite/freeze");
    expect(groupRun?.conclusion).toBe("failure");

    w.clock.advance(minutes(20));
    await comment(
      w,
      "bob",
      incident,
      "/resolve Rolled back the payment client upgrade; error rate is back to normal",
    );
    await w.settle();
    expect(check(w, feature).latest?.conclusion).toBe("success");
    expect(check(w, hotfix).latest?.conclusion).toBe("success");
  });

  it("a /resolve whose event was lost lifts the sev 1 freeze at the next sweep, even between full passes", async () => {
    world = await World.start({ mode, config: { ...CONFIG, freeze: { ...CONFIG.freeze, windows: [] } } });
    const w = world;
    const feature = await openPull(w, "alice", "feature", "New checkout button");
    const incident = await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    expect(check(w, feature).latest?.conclusion).toBe("failure");

    // 10:20 local: no freeze boundary and no periodic full pass falls in the sweep's look-back.
    w.clock.advance(minutes(20));
    w.sim.setWebhookFaults({ dropRate: 1 });
    await comment(w, "bob", incident, "/resolve Rolled back the payment client upgrade");
    await w.settle();
    w.sim.setWebhookFaults({});
    expect(check(w, feature).latest?.conclusion).toBe("failure");

    await w.sweep();
    expect(w.labels(incident)).toContain("incident:resolved");
    expect(check(w, feature).latest?.conclusion).toBe("success");
  });

  it("labels put on or taken off by hand start and lift freezes at once", async () => {
    world = await World.start({ mode, config: { ...CONFIG, freeze: { ...CONFIG.freeze, windows: [] } } });
    const w = world;
    const pull = await openPull(w, "alice", "refactor", "Refactor search");
    // An existing issue is marked sev 1 first and only then labelled as an incident.
    const { data: issue } = await w
      .as("alice")
      .rest.issues.create({ owner: "acme", repo: "shop", title: "Checkout is down", labels: ["sev:1"] });
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("success");
    await addLabel(w, "alice", issue.number, "incident");
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("failure");

    // Taking the incident label off again ends what it froze.
    await removeLabel(w, "alice", issue.number, "incident");
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("success");

    // A freeze issue whose label is taken off no longer freezes anything.
    const host = await w.as("alice").rest.issues.create({ owner: "acme", repo: "shop", title: "Release" });
    await comment(w, "dave", host.data.number, "/freeze 2026-11-18 09:00 database migration");
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("failure");
    const freezeIssue = w.sim.issues(FULL).find((i) => i.labels.includes("code-freeze"))!;
    await removeLabel(w, "dave", freezeIssue.number, "code-freeze");
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("success");
  });

  it("/freeze opens a code-freeze issue that blocks merges until it is closed", async () => {
    world = await World.start({ mode, config: { ...CONFIG, freeze: { ...CONFIG.freeze, windows: [] } } });
    const w = world;
    const pull = await openPull(w, "alice", "refactor", "Refactor search");
    await w.settle();
    const host = await w
      .as("alice")
      .rest.issues.create({ owner: "acme", repo: "shop", title: "Release planning" });
    await comment(w, "dave", host.data.number, "/freeze 2026-11-18 09:00 database migration in progress");
    await w.settle();
    const freezeIssue = w.sim.issues(FULL).find((i) => i.labels.includes("code-freeze"));
    expect(freezeIssue?.user).toBe(w.bot);
    expect(check(w, pull).latest?.conclusion).toBe("failure");
    expect(check(w, pull).latest?.output.summary).toMatch(/database migration/);
    // Redelivery or a sweep opens no second freeze issue.
    await w.sweep();
    expect(w.sim.issues(FULL).filter((i) => i.labels.includes("code-freeze"))).toHaveLength(1);

    await w.as("dave").rest.issues.update({
      owner: "acme",
      repo: "shop",
      issue_number: freezeIssue!.number,
      state: "closed",
    });
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("success");
  });
});

describe("freeze announcements", () => {
  it("announce a scheduled freeze once on each open pull request it will block", async () => {
    world = await World.start({
      mode: "app",
      config: {
        freeze: {
          closures: [
            { name: "Thanksgiving", closes: "2026-11-25T17:00", reopens: "2026-11-30T08:00", lead_days: 2 },
          ],
          announce_before: "2d",
        },
      },
    });
    const w = world;
    const pull = await openPull(w, "alice", "search", "Faster search");
    await w.settle();
    // The closure freezes from Monday 23 Nov 17:00; two days ahead is Saturday 21 Nov 17:00 in New York.
    w.clock.set(Date.parse("2026-11-21T22:05:00Z"));
    await w.sweep();
    await w.sweep();
    const notices = w.botComments(pull).filter((c) => c.body.startsWith("<!-- expedite:freeze-announce"));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toMatch(/Thanksgiving/);
    expect(notices[0]?.body).toMatch(/2026-11-23 22:00 UTC/);
    expect(check(w, pull).latest?.conclusion).toBe("success");
    // When it starts, the check turns red.
    w.clock.set(Date.parse("2026-11-23T22:01:00Z"));
    await w.sweep();
    expect(check(w, pull).latest?.conclusion).toBe("failure");
    expect(
      w.botComments(pull).filter((c) => c.body.startsWith("<!-- expedite:freeze-announce")),
    ).toHaveLength(1);
  });
});

describe("re-running the freeze check (App mode)", () => {
  it("re-evaluates the pull request at once instead of waiting for the next sweep", async () => {
    world = await World.start({ mode: "app", config: CONFIG });
    const w = world;
    const start = w.clock.now();
    const pull = await openPull(w, "alice", "tidy", "Tidy up");
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("success");
    // The window has begun, but no sweep has run yet: the check is stale until someone asks again.
    w.clock.set(start + minutes(61));
    const sample = w.sim.deliveries.find((d) => d.event === "pull_request")!.payload;
    const { deliver } = await import("./support/deliver.js");
    const response = await deliver(w.app!.webhookUrl, "check_run", {
      action: "rerequested",
      check_run: {
        id: check(w, pull).latest!.id,
        name: "expedite/freeze",
        head_sha: w.sim.pull(FULL, pull)!.head.sha,
        pull_requests: [{ number: pull }],
      },
      repository: sample.repository,
      installation: sample.installation,
      sender: { login: "alice" },
    });
    expect(response.status).toBeLessThan(300);
    await w.settle();
    expect(check(w, pull).latest?.conclusion).toBe("failure");
  });
});

describe("freeze boundaries in App sweeps", () => {
  it("re-check every pull request once per boundary: the next tick looks back only to the last sweep", async () => {
    world = await World.start({ mode: "app", config: CONFIG });
    const w = world;
    const start = w.clock.now();
    const pulls = [await openPull(w, "alice", "one", "One"), await openPull(w, "frank", "two", "Two")];
    await w.settle();
    w.clock.set(start + minutes(20));
    await w.sweep();
    const checkReads = () =>
      w.sim.requests.filter((r) => r.route === "/repos/{owner}/{repo}/commits/{ref}/check-runs").length;

    // The window starts at 11:00 local; the first sweep after it turns both checks red.
    w.clock.set(start + minutes(61));
    const before = checkReads();
    await w.sweep();
    for (const pull of pulls) expect(check(w, pull).latest?.conclusion).toBe("failure");
    expect(checkReads() - before).toBe(pulls.length);

    // A minute later the boundary is still within the default look-back, but this process handled it.
    w.clock.set(start + minutes(62));
    w.sim.clearLog();
    await w.sweep();
    expect(checkReads()).toBe(0);
    expect(w.sim.writes()).toEqual([]);

    // The end of the window is found the same way, once.
    w.clock.set(start + minutes(181));
    await w.sweep();
    for (const pull of pulls) expect(check(w, pull).latest?.conclusion).toBe("success");
  });
});

describe("/help on a pull request", () => {
  it.each<Mode>(["app", "action"])(
    "is answered once with what can be typed there (%s mode)",
    async (mode) => {
      world = await World.start({ mode, config: CONFIG });
      const w = world;
      const pull = await openPull(w, "alice", "docs", "Docs");
      await w.settle();
      await comment(w, "carol", pull, "/help");
      await w.settle();
      await w.sweep();
      const replies = w.botComments(pull).filter((c) => c.body.startsWith("<!-- expedite:reply"));
      expect(replies).toHaveLength(1);
      expect(replies[0]?.body).toMatch(/\/freeze-exception/);
      expect(replies[0]?.body).toMatch(/@carol/);
    },
  );
});
