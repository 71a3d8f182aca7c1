import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, formBody, minutes, comment, openIncident, SEV1, SEV4 } from "../harness/index.js";
import type { Mode } from "../harness/index.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CONFIG = { postmortem: { reviewers: ["@acme/incident-managers", "frank"] } };
const FORM = formBody({
  Summary: "Checkout returns 500 for every card payment",
  Severity: SEV1,
  "Applications impacted": "checkout-web",
  "Business / customer impact": "No card payments",
  Evidence: "https://errors.example.com/issues/123 — 1,200 events in 10 minutes",
  "Revenue affected": "Yes",
});

async function resolvedSev1(w: World): Promise<number> {
  const number = await openIncident(w, "alice", "[Incident] Checkout card payments failing", FORM);
  await w.settle();
  w.clock.advance(minutes(6));
  await comment(w, "bob", number, "/ack");
  w.clock.advance(minutes(1));
  await comment(w, "bob", number, "/comms @dave");
  w.clock.advance(minutes(5));
  await comment(w, "bob", number, "/update Gateway certificate expired; renewing next 30m");
  w.clock.advance(minutes(2));
  await comment(
    w,
    "bob",
    number,
    "/deviation Deployed the certificate without the usual staging soak: every minute cost orders",
  );
  w.clock.advance(minutes(10));
  await comment(w, "bob", number, "/mitigate Payments routed through the backup gateway");
  w.clock.advance(minutes(30));
  await comment(
    w,
    "bob",
    number,
    "/resolve Renewed the expired TLS certificate on the primary gateway and moved traffic back; errors are gone",
  );
  await w.settle();
  return number;
}

function postmortemPulls(w: World) {
  const pulls = [];
  for (let n = 1; n < 40; n++) {
    const pull = w.sim.pull(FULL, n);
    if (pull?.head.ref.startsWith("expedite/postmortem-")) pulls.push(pull);
  }
  return pulls;
}

function section(doc: string, heading: string): string {
  const start = doc.indexOf(`## ${heading}`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const next = doc.indexOf("\n## ", start + 3);
  return doc.slice(start, next === -1 ? undefined : next);
}

describe.each<Mode>(["app", "action"])("post-mortem (%s mode)", (mode) => {
  it("resolving a sev 1 opens exactly one pre-filled post-mortem PR; merging it closes the incident and opens follow-ups once", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    w.sim.addTeam("acme", "incident-managers", ["erin"]);
    const number = await resolvedSev1(w);

    const pulls = postmortemPulls(w);
    expect(pulls).toHaveLength(1);
    const pr = pulls[0]!;
    expect(pr.head.ref).toBe(`expedite/postmortem-${number}`);
    expect(pr.labels).toContain("postmortem");
    expect(pr.requested_reviewers.sort()).toEqual(["bob", "dave", "frank"]);
    expect(pr.requested_teams).toEqual(["incident-managers"]);
    expect(w.labels(number)).toContain("incident:postmortem");
    expect(w.labels(number)).not.toContain("incident:resolved");
    expect(w.board(number)).toContain(`[#${pr.number}]`);

    const path = `docs/postmortems/2026-11-17-${number}-checkout-card-payments-failing.md`;
    const doc = w.sim.file(FULL, pr.head.ref, path);
    expect(doc, `file at ${path}`).toBeDefined();
    const text = doc!;
    expect(section(text, "Summary")).toMatch(/Checkout returns 500/);
    expect(section(text, "Impact")).toMatch(/checkout-web/);
    expect(section(text, "Impact")).toMatch(/No card payments/);
    expect(section(text, "Detection")).toMatch(/errors\.example\.com/);
    const timeline = section(text, "Timeline");
    for (const entry of [
      "acknowledged",
      "dave communicates",
      "status update",
      "process deviation",
      "workaround in place",
      "resolved",
    ]) {
      expect(timeline).toContain(entry);
    }
    expect(timeline).toMatch(/10:06 EST/);
    const durations = section(text, "Key durations");
    expect(durations).toMatch(/6m/);
    expect(durations).toMatch(/Met|met/);
    expect(section(text, "Process deviations")).toMatch(/staging soak/);
    expect(section(text, "Workaround and resolution")).toMatch(/backup gateway/);
    const chart = section(text, "Phase chart");
    expect(chart).toMatch(/```mermaid\ngantt\n/);
    expect(chart).toMatch(/\n```/);
    for (const heading of [
      "Contributing factors",
      "What went well",
      "What went badly",
      "Where we got lucky",
      "Action items",
    ]) {
      expect(text).toContain(`## ${heading}`);
    }

    // Resolving again, redelivering and sweeping create nothing new.
    await comment(
      w,
      "bob",
      number,
      "/resolve Renewed the expired TLS certificate on the primary gateway; also added expiry monitoring",
    );
    await w.settle();
    await w.sweep();
    await w.sweep();
    expect(postmortemPulls(w)).toHaveLength(1);

    // People finish the document: one item done, two still to do; then it merges.
    const edited = text.replace(
      /## Action items[\s\S]*$/,
      "## Action items\n\n- [x] Renew the certificate\n- [ ] Alert 30 days before any certificate expires\n- [ ] Run a fail-over drill for the payment gateway\n",
    );
    w.sim.pushCommit({ repo: FULL, branch: pr.head.ref, files: { [path]: edited }, author: "bob" });
    await w.settle();
    await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: pr.number });
    await w.settle();
    await w.sweep();

    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    const followups = w.sim.issues(FULL).filter((i) => i.labels.includes("incident-followup"));
    expect(followups.map((f) => f.title).sort()).toEqual([
      `Alert 30 days before any certificate expires (incident #${number})`,
      `Run a fail-over drill for the payment gateway (incident #${number})`,
    ]);
    for (const f of followups) {
      expect(f.body).toContain(`#${number}`);
      expect(f.body).toContain(`#${pr.number}`);
    }
    // The merge delivered again: still two.
    const merged = w.sim.deliveries
      .filter((d) => d.event === "pull_request" && d.action === "closed")
      .at(-1)!;
    if (mode === "app") {
      const { deliver } = await import("./support/deliver.js");
      await deliver(w.app!.webhookUrl, "pull_request", merged.payload, { id: merged.id });
      await w.settle();
    } else {
      await w.runAction("pull_request", merged.payload);
    }
    expect(w.sim.issues(FULL).filter((i) => i.labels.includes("incident-followup"))).toHaveLength(2);
    expect(w.board(number)).toMatch(/Alert 30 days/);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("a post-mortem interrupted after its document was committed is finished later, keeping the document as people left it", async () => {
    world = await World.start({ mode, config: { postmortem: { reviewers: ["frank"] } } });
    const w = world;
    // Opening the pull request is refused (say, a token without that right): branch and file stay.
    w.sim.addFault({ method: "POST", route: "/repos/{owner}/{repo}/pulls", status: 403, times: Infinity });
    const number = await resolvedSev1(w);
    w.sim.clearFaults();
    const branch = `expedite/postmortem-${number}`;
    expect(postmortemPulls(w)).toHaveLength(0);
    expect(w.board(number)).toMatch(/could not be opened yet\. GitHub refused \(403\)/);
    const path = w.sim.files(FULL, branch).find((p) => p.startsWith("docs/postmortems/"))!;
    expect(path).toBeDefined();
    const edited = `${w.sim.file(FULL, branch, path)}\nNotes from the first review, written before the PR existed.\n`;
    w.sim.pushCommit({ repo: FULL, branch, files: { [path]: edited }, author: "bob" });

    w.clock.advance(minutes(5));
    await w.sweep();
    const pulls = postmortemPulls(w);
    expect(pulls).toHaveLength(1);
    expect(w.sim.file(FULL, branch, path)).toBe(edited);
    expect(w.labels(number)).toContain("incident:postmortem");
    expect(w.board(number)).not.toMatch(/could not be opened/);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("a sev 4 resolves and closes without a post-mortem", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Typo on the help page",
      formBody({ Summary: "Typo", Severity: SEV4 }),
    );
    await w.settle();
    await comment(
      w,
      "bob",
      number,
      "/resolve Fixed the typo in the help page copy and redeployed the static site",
    );
    await w.settle();
    expect(postmortemPulls(w)).toHaveLength(0);
    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    expect(w.labels(number)).toContain("incident:resolved");
    expect(w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:summary"))).toHaveLength(1);
  });
});

describe("a post-mortem closed without merging (App mode)", () => {
  it("is flagged on the board, keeps the incident open in the post-mortem state, and is not replaced", async () => {
    world = await World.start({ mode: "app", config: CONFIG });
    const w = world;
    w.sim.addTeam("acme", "incident-managers", ["erin"]);
    const number = await resolvedSev1(w);
    const pr = postmortemPulls(w)[0]!;
    await w
      .as("dave")
      .rest.pulls.update({ owner: "acme", repo: "shop", pull_number: pr.number, state: "closed" });
    await w.settle();
    await comment(w, "bob", number, "/note the post-mortem meeting moved to Friday");
    await w.settle();
    await w.sweep();
    expect(w.sim.issue(FULL, number)?.state).toBe("open");
    expect(w.labels(number)).toContain("incident:postmortem");
    expect(w.board(number)).toMatch(/closed without merging/);
    expect(postmortemPulls(w)).toHaveLength(1);
  });
});
