import { afterEach, describe, expect, it } from "vitest";
import {
  World,
  FULL,
  formBody,
  minutes,
  comment,
  editComment,
  openIncident,
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

function holds(w: World) {
  return w.sim.issues(FULL).filter((i) => i.labels.includes("deploy-hold"));
}

describe("deployment protection rule (App mode)", () => {
  it("approves outside a freeze, holds production during a window, and approves the waiting runs when it ends", async () => {
    world = await World.start({ mode: "app", config: CONFIG });
    const w = world;
    const start = w.clock.now();

    const before = w.sim.requestDeployment(FULL, { environment: "production", actor: "alice" });
    await w.settle();
    expect(w.sim.deploymentRun(before.runId)?.state).toBe("approved");
    expect(w.sim.deploymentRun(before.runId)?.reviews[0]?.comment).toMatch(/No code freeze on main/);

    w.clock.set(start + minutes(61));
    const staging = w.sim.requestDeployment(FULL, { environment: "staging", actor: "alice" });
    const prod = w.sim.requestDeployment(FULL, { environment: "Production", actor: "alice" });
    const eu = w.sim.requestDeployment(FULL, { environment: "prod-eu", actor: "alice" });
    await w.settle();
    // Not a production-like name: freezes do not hold it.
    expect(w.sim.deploymentRun(staging.runId)?.state).toBe("approved");
    for (const run of [prod, eu]) {
      const seen = w.sim.deploymentRun(run.runId)!;
      expect(seen.state).toBe("waiting");
      expect(seen.reviews).toHaveLength(1);
      expect(seen.reviews[0]?.state).toBeUndefined();
      expect(seen.reviews[0]?.comment).toMatch(/Launch day/);
      expect(seen.reviews[0]?.comment).toMatch(/\/freeze-exception/);
    }
    // One record per commit, listing both waiting runs (two requests at once may open a twin, closed at once).
    const open = holds(w).filter((i) => i.state === "open");
    expect(open).toHaveLength(1);
    const hold = open[0]!;
    expect(hold.user).toBe(w.bot);
    const records = w.botComments(hold.number).filter((c) => c.body.startsWith("<!-- expedite:deploy-run"));
    expect(records).toHaveLength(2);
    expect(records[0]?.body).toMatch(/waiting/);

    // A redelivered request answers nothing twice.
    w.sim.redeliverDeploymentRequest(FULL, prod.runId);
    await w.settle();
    expect(w.sim.deploymentRun(prod.runId)?.reviews).toHaveLength(1);
    expect(
      w.botComments(hold.number).filter((c) => c.body.startsWith("<!-- expedite:deploy-run")),
    ).toHaveLength(2);

    // A request from someone who cannot approve is answered and lets nothing through.
    await comment(w, "alice", hold.number, "/freeze-exception the launch banner must ship");
    await w.settle();
    expect(w.sim.deploymentRun(prod.runId)?.state).toBe("waiting");
    expect(w.botComments(hold.number).find((c) => c.body.includes("**requested**"))?.body).toMatch(/@dave/);

    // While the freeze lasts, a sweep writes nothing.
    await w.sweep();
    w.sim.clearLog();
    await w.sweep();
    expect(w.sim.writes()).toEqual([]);

    // A restart forgets nothing: a fresh App server (replica) sweeps after the window and releases both.
    w.clock.set(start + minutes(181));
    const fresh = await w.replica();
    await fresh.expedite.sweepAll();
    await fresh.expedite.queue.idle();
    for (const run of [prod, eu]) {
      const seen = w.sim.deploymentRun(run.runId)!;
      expect(seen.state).toBe("approved");
      expect(seen.reviews).toHaveLength(2);
    }
    expect(w.sim.issue(FULL, hold.number)?.state).toBe("closed");
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("an approver's exception releases that commit during an incident freeze, is audited on the incident, and a new commit needs a new one", async () => {
    world = await World.start({
      mode: "app",
      config: { ...CONFIG, freeze: { ...CONFIG.freeze, windows: [] } },
    });
    const w = world;
    const incident = await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();

    const first = w.sim.requestDeployment(FULL, { environment: "production", actor: "alice" });
    await w.settle();
    expect(w.sim.deploymentRun(first.runId)?.state).toBe("waiting");
    expect(w.sim.deploymentRun(first.runId)?.reviews[0]?.comment).toMatch(new RegExp(`#${incident}`));
    const hold = holds(w)[0]!;

    await comment(w, "dave", hold.number, "/freeze-exception rollback of the payment client, reviewed");
    await w.settle();
    expect(w.sim.deploymentRun(first.runId)?.state).toBe("approved");
    expect(w.sim.deploymentRun(first.runId)?.reviews.at(-1)?.comment).toMatch(/exception granted by dave/i);
    const audit = w.botComments(incident).find((c) => c.body.startsWith("<!-- expedite:exception-audit"));
    expect(audit?.body).toMatch(/granted by dave/);
    expect(audit?.body).toContain(first.sha.slice(0, 7));
    // The incident's record (board timeline, later the post-mortem) shows it from the next reconcile on.
    await w.sweep();
    expect(w.board(incident)).toMatch(/freeze exception granted for deploying/);

    // The same commit again (another environment run) passes on the same grant…
    const again = w.sim.requestDeployment(FULL, { environment: "production", actor: "alice" });
    await w.settle();
    expect(w.sim.deploymentRun(again.runId)?.state).toBe("approved");

    // …a new commit does not.
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { "src/app.ts": "export const a = 2;\n" },
      author: "alice",
    });
    const next = w.sim.requestDeployment(FULL, { environment: "production", actor: "alice" });
    await w.settle();
    expect(next.sha).not.toBe(first.sha);
    expect(w.sim.deploymentRun(next.runId)?.state).toBe("waiting");

    // Resolving the incident ends its freeze: the waiting run is approved at once.
    await comment(w, "bob", incident, "/resolve Rolled back the payment client; error rate back to normal");
    await w.settle();
    expect(w.sim.deploymentRun(next.runId)?.state).toBe("approved");
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("rejects during a manual freeze when deploys.when_frozen is reject; other branches' freezes do not apply", async () => {
    world = await World.start({
      mode: "app",
      config: { ...CONFIG, freeze: { ...CONFIG.freeze, windows: [] }, deploys: { when_frozen: "reject" } },
    });
    const w = world;
    const host = await w.as("alice").rest.issues.create({ owner: "acme", repo: "shop", title: "Release" });
    await comment(w, "dave", host.data.number, "/freeze 2026-11-18 09:00 database migration in progress");
    await w.settle();
    const run = w.sim.requestDeployment(FULL, { environment: "production", actor: "alice" });
    w.sim.pushCommit({ repo: FULL, branch: "release-2", files: { "x.txt": "x\n" }, author: "alice" });
    const other = w.sim.requestDeployment(FULL, {
      environment: "production",
      ref: "release-2",
      actor: "alice",
    });
    await w.settle();
    const seen = w.sim.deploymentRun(run.runId)!;
    expect(seen.state).toBe("rejected");
    expect(seen.reviews[0]?.comment).toMatch(/Manual freeze/);
    expect(seen.reviews[0]?.comment).toMatch(/\/freeze-exception/);
    expect(w.sim.deploymentRun(other.runId)?.state).toBe("approved");
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe("hold label on an ordinary issue", () => {
  it("a deploy-hold label someone put on an incident does not stop its reconcile", async () => {
    world = await World.start({ mode: "app", config: CONFIG });
    const w = world;
    const incident = await openIncident(w, "alice", "[Incident] Search down", formBody({ Severity: SEV1 }));
    await w.settle();
    await w.as("alice").rest.issues.addLabels({
      owner: "acme",
      repo: "shop",
      issue_number: incident,
      labels: ["deploy-hold"],
    });
    await comment(w, "bob", incident, "/ack");
    await w.settle();
    expect(w.labels(incident)).toContain("incident:acknowledged");
  });
});

describe("deploy gate (Action mode)", () => {
  const gate = (w: World, env: Record<string, string> = {}) =>
    w.runAction(
      "workflow_dispatch",
      { inputs: {}, ref: "refs/heads/main" },
      { INPUT_GATE: "deploy", INPUT_ENVIRONMENT: "production", ...env },
    );

  it("fails the job with the freeze in its summary, passes with an approver's exception for that commit, and passes after the freeze", async () => {
    world = await World.start({ mode: "action", config: CONFIG });
    const w = world;
    const start = w.clock.now();

    expect((await gate(w)).code).toBe(0);
    expect(w.actionRuns.at(-1)?.summary).toMatch(/No code freeze applies/);
    expect(w.actionRuns.at(-1)?.outputs).toMatch(/approved/);

    w.clock.set(start + minutes(61));
    const held = await gate(w);
    expect(held.code).not.toBe(0);
    const summary = w.actionRuns.at(-1)!.summary;
    expect(summary).toMatch(/held by a code freeze/);
    expect(summary).toMatch(/Launch day/);
    expect(summary).toMatch(/\/freeze-exception/);
    expect(held.stdout).toMatch(/Deploy held/);
    // Not gated: staging deploys whatever the freeze.
    expect((await gate(w, { INPUT_ENVIRONMENT: "staging" })).code).toBe(0);

    const hold = w.sim.issues(FULL).find((i) => i.labels.includes("deploy-hold"))!;
    // Someone who is not an approver asks: still held.
    await comment(w, "alice", hold.number, "/freeze-exception launch banner");
    await w.settle();
    expect((await gate(w)).code).not.toBe(0);
    // An approver grants it for this commit: the re-run passes and says why.
    await comment(w, "dave", hold.number, "/freeze-exception copy change only, reviewed");
    await w.settle();
    expect(w.botComments(hold.number).filter((c) => c.body.includes("**granted**"))).toHaveLength(1);
    expect((await gate(w)).code).toBe(0);
    expect(w.actionRuns.at(-1)?.summary).toMatch(/exception granted by .*dave/);
    // A second hold issue is never opened for the same commit.
    expect(w.sim.issues(FULL).filter((i) => i.labels.includes("deploy-hold"))).toHaveLength(1);

    // A new commit needs a new exception.
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: { "src/app.ts": "export const a = 3;\n" },
      author: "alice",
    });
    expect((await gate(w)).code).not.toBe(0);

    // After the window: passes.
    w.clock.set(start + minutes(181));
    expect((await gate(w)).code).toBe(0);
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])(
  "deploy exceptions, judged as merge exceptions are (%s mode)",
  (mode) => {
    /**
     * Asks to deploy main's head to production: App mode, a workflow run waiting on the protection rule
     * (settled); Action mode, the gate step. Whether it may go ahead.
     */
    async function deploy(w: World): Promise<boolean> {
      if (mode === "app") {
        const run = w.sim.requestDeployment(FULL, { environment: "production", actor: "alice" });
        await w.settle();
        return w.sim.deploymentRun(run.runId)?.state === "approved";
      }
      const result = await w.runAction(
        "workflow_dispatch",
        { inputs: {}, ref: "refs/heads/main" },
        { INPUT_GATE: "deploy", INPUT_ENVIRONMENT: "production" },
      );
      return result.code === 0;
    }
    /** What the last held deployment was told: the review comment (App) or the job summary (Action). */
    function lastHeldText(w: World, hold: number): string {
      if (mode === "action") return w.actionRuns.at(-1)?.summary ?? "";
      return (
        w
          .botComments(hold)
          .filter((c) => c.body.startsWith("<!-- expedite:deploy-run"))
          .at(-1)?.body ?? ""
      );
    }

    it("an approver's grant counts only as written: anyone's edit voids it, and an edited request grants nothing", async () => {
      world = await World.start({ mode, config: CONFIG });
      const w = world;
      w.clock.set(w.clock.now() + minutes(61));
      expect(await deploy(w)).toBe(false);
      const hold = holds(w)[0]!;

      // The on-call engineer's comment, edited into a grant afterwards: judged on its text as it stands now
      // (it asks), but an edited comment only requests.
      const note = await comment(w, "erin", hold.number, "Looking at this one now.");
      await w.settle();
      w.clock.advance(minutes(1));
      await editComment(w, "erin", note, "/freeze-exception banner copy, reviewed");
      await w.settle();
      const answer = w.botComments(hold.number).find((c) => c.body.startsWith("<!-- expedite:exception"));
      expect(answer?.body).toMatch(/\*\*requested\*\*/);
      expect(answer?.body).toMatch(/edited after it was written/);
      expect(await deploy(w)).toBe(false);

      // An approver's fresh grant lets this commit through.
      w.clock.advance(minutes(1));
      const grant = await comment(w, "dave", hold.number, "/freeze-exception banner copy, reviewed twice");
      await w.settle();
      expect(await deploy(w)).toBe(true);

      // Someone else edits the approver's comment (text and all): the grant no longer counts, and says why.
      w.clock.advance(minutes(1));
      await editComment(
        w,
        "alice",
        grant,
        "/freeze-exception banner copy, reviewed twice, and the pricing page",
      );
      await w.settle();
      expect(await deploy(w)).toBe(false);
      expect(lastHeldText(w, hold.number)).toMatch(/grant no longer counts: its comment was edited/);
      expect(w.sim.validationErrors).toEqual([]);
    });
  },
);
