import { describe, expect, it } from "vitest";
import type { OnTestFinishedHandler } from "vitest";
import { FULL, minutes, comment } from "../harness/index.js";
import type { World, WorldOptions } from "../harness/index.js";
import { deliver } from "../e2e/support/deliver.js";
import { duplicatesIn, identityOf } from "./support/snapshot.js";
import {
  declareIncident,
  injected,
  kinds,
  logLines,
  postmortemPulls,
  repo,
  resolvedSev1,
} from "./support/incidents.js";
import { recordFigures } from "./support/figures.js";
import { startWorld } from "./support/worlds.js";

// GitHub's API fails the way every API fails: 5xx on reads and writes, writes that land but answer 502,
// secondary and primary rate limits, dropped connections and slow answers. Each test injects one kind
// of fault on the route a reconcile needs and checks the outcome is what a clean run gives, with no
// duplicates; the App's retry and throttling plugins are the real ones (Probot's, as configured).

type OnFinished = (fn: OnTestFinishedHandler) => void;

async function open(onTestFinished: OnFinished, options: WorldOptions): Promise<World> {
  const w = await startWorld(options);
  onTestFinished(async () => {
    recordFigures("api-faults", { faultsInjected: injected(w).length });
    await w.close();
  });
  return w;
}

const TIMELINE = "/repos/{owner}/{repo}/issues/{issue_number}/timeline";
const COMMENTS = "/repos/{owner}/{repo}/issues/{issue_number}/comments";

/** What a cleanly declared SEV2 revenue incident looks like. */
function expectDeclared(w: World, number: number) {
  expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:declared", "sev:2"]);
  expect(kinds(w, number)).toEqual(["board", "checklist"]);
  expect(duplicatesIn(w)).toEqual([]);
  expectNoTransientDuplicates(w);
  expect(w.sim.validationErrors).toEqual([]);
}

/**
 * Not even for a moment: a second copy that a later reconcile deletes has already notified everyone
 * watching the issue. So every bot comment that landed must have a marker of its own, and none was deleted.
 */
function expectNoTransientDuplicates(w: World) {
  const landed = w.sim.requests
    .filter((r) => r.method === "POST" && r.route === COMMENTS && r.applied)
    .map((r) => `${r.path} ${identityOf(String((r.body as { body?: string }).body ?? ""))}`);
  expect(landed.length, landed.join("\n")).toBe(new Set(landed).size);
  const deleted = w.sim.requests.filter(
    (r) => r.method === "DELETE" && r.route === "/repos/{owner}/{repo}/issues/comments/{comment_id}",
  );
  expect(deleted).toEqual([]);
}

describe("API faults (App mode)", () => {
  it("retries 5xx answers and dropped connections on reads and writes, and writes nothing twice", async ({
    onTestFinished,
  }) => {
    const w = await open(onTestFinished, { mode: "app" });
    // Four incidents at once, so that the retry plugin's back-off on each fault overlaps with the others.
    w.sim.addFault({ method: "GET", route: TIMELINE, status: 502 });
    // (Incident reconciles no longer re-read the issue itself: the event and the timeline say it all, so
    // the dropped connection goes to the repository read every reconcile makes.)
    w.sim.addFault({ method: "GET", route: "/repos/{owner}/{repo}/contents/{path}", reset: true });
    w.sim.addFault({
      method: "POST",
      route: "/repos/{owner}/{repo}/issues/{issue_number}/labels",
      status: 500,
    });
    w.sim.addFault({ method: "POST", route: COMMENTS, status: 500 });
    w.sim.addFault({ method: "POST", route: COMMENTS, reset: true });
    const numbers = await Promise.all(
      ["Checkout down", "Search down", "Login slow", "Mail late"].map((t) =>
        declareIncident(w, `[Incident] ${t}`),
      ),
    );
    await w.settle();
    expect(injected(w).sort()).toEqual(
      [
        `GET /repos/{owner}/{repo}/contents/{path} → reset`,
        `GET ${TIMELINE} → 502`,
        `POST /repos/{owner}/{repo}/issues/{issue_number}/labels → 500`,
        `POST ${COMMENTS} → 500`,
        `POST ${COMMENTS} → reset`,
      ].sort(),
    );
    for (const number of numbers) expectDeclared(w, number);

    // Updates: a 502 on rewriting the board and a 500 on the 👍 reaction.
    w.sim.addFault({
      method: "PATCH",
      route: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
      status: 502,
    });
    w.sim.addFault({
      method: "POST",
      route: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      status: 500,
    });
    const acks = await Promise.all(numbers.map((n) => comment(w, "bob", n, "/ack")));
    await w.settle();
    expect(injected(w)).toHaveLength(7);
    for (const [i, number] of numbers.entries()) {
      expect(w.labels(number)).toContain("incident:acknowledged");
      expect(w.board(number)).toContain("Acknowledged");
      const reactions = w.sim.comments(FULL, number).find((c) => c.id === acks[i])!.reactions;
      expect(reactions.filter((r) => r.user === w.bot)).toHaveLength(1);
    }
    expect(duplicatesIn(w)).toEqual([]);
    expectNoTransientDuplicates(w);
  });

  // The App and GitHub read their clocks separately: in step, and with the App's clock five minutes ahead.
  it.for([
    ["in step with GitHub's", 0],
    ["five minutes ahead of GitHub's", 5],
  ] as const)(
    "does not post a comment twice when GitHub created it but answered 502 (App clock %s)",
    async ([, skewMinutes], { onTestFinished }) => {
      const w = await open(onTestFinished, { mode: "app", start: wallClockMinute(-skewMinutes) });
      // The board POST lands and answers 502, and so does the checklist POST after it.
      w.sim.addFault({ method: "POST", route: COMMENTS, applyThenFail: true, status: 502, times: 2 });
      const number = await declareIncident(w);
      await w.settle();
      const posts = w.sim.requests.filter((r) => r.method === "POST" && r.route === COMMENTS);
      expect(posts.filter((r) => r.fault && r.applied)).toHaveLength(2);
      expectDeclared(w, number);
    },
  );

  it("does not open a second check run when the check-run POST landed but answered 502", async ({
    onTestFinished,
  }) => {
    const w = await open(onTestFinished, { mode: "app" });
    w.sim.pushCommit({ repo: FULL, branch: "tidy", files: { "src/tidy.ts": "x\n" }, author: "alice" });
    w.sim.addFault({ method: "POST", route: "/repos/{owner}/{repo}/check-runs", applyThenFail: true });
    const { data: pr } = await w
      .as("alice")
      .rest.pulls.create({ owner: "acme", repo: "shop", head: "tidy", base: "main", title: "Tidy" });
    await w.settle();
    await w.sweep();
    expect(injected(w)).toEqual(["POST /repos/{owner}/{repo}/check-runs → applyThenFail 502"]);
    const sha = w.sim.pull(FULL, pr.number)!.head.sha;
    const runs = w.sim.checkRuns(FULL, sha).filter((r) => r.name === "expedite/freeze");
    expect(runs.map((r) => r.conclusion)).toEqual(["success"]);
    expect(duplicatesIn(w)).toEqual([]);
  });

  it("opens one post-mortem PR and one follow-up issue per item when those creations land but answer 502", async ({
    onTestFinished,
  }) => {
    const w = await open(onTestFinished, { mode: "app" });
    w.sim.addFault({ method: "POST", route: "/repos/{owner}/{repo}/pulls", applyThenFail: true });
    w.sim.addFault({ method: "PUT", route: "/repos/{owner}/{repo}/contents/{path}", applyThenFail: true });
    w.sim.addFault({ method: "POST", route: "/repos/{owner}/{repo}/git/refs", applyThenFail: true });
    const number = await resolvedSev1(w);
    await w.sweep();
    expect(postmortemPulls(w)).toHaveLength(1);
    expect(w.labels(number)).toContain("incident:postmortem");
    const pr = postmortemPulls(w)[0]!;
    expect(pr.labels).toEqual(["postmortem"]);

    // Finish the document with two open items and merge it; the follow-up issue POSTs land and answer 502.
    const { data: files } = await w.as("dave").rest.pulls.listFiles({
      owner: "acme",
      repo: "shop",
      pull_number: pr.number,
    });
    const path = files[0]!.filename;
    const doc = w.sim.file(FULL, pr.head.ref, path)!;
    const edited = doc.replace(
      /## Action items[\s\S]*$/,
      "## Action items\n\n- [ ] Alert on cache key collisions\n- [ ] Add a basket-size metric\n",
    );
    w.sim.pushCommit({ repo: FULL, branch: pr.head.ref, files: { [path]: edited }, author: "bob" });
    await w.settle();
    w.sim.addFault({ method: "POST", route: "/repos/{owner}/{repo}/issues", applyThenFail: true, times: 2 });
    await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: pr.number });
    await w.settle();
    await w.sweep();
    const followups = w.sim.issues(FULL).filter((i) => i.labels.includes("incident-followup"));
    expect(followups.map((f) => f.title).sort()).toEqual([
      `Add a basket-size metric (incident #${number})`,
      `Alert on cache key collisions (incident #${number})`,
    ]);
    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    expect(injected(w).filter((f) => f.includes("applyThenFail"))).toHaveLength(5);
    expect(duplicatesIn(w)).toEqual([]);
  });

  it("waits out 429 and 403 secondary rate limits, with and without retry-after, and finishes", async ({
    onTestFinished,
  }) => {
    const w = await open(onTestFinished, { mode: "app" });
    const faults = [
      ["secondary-429", 1],
      ["secondary-429", undefined],
      ["secondary-403", 1],
      ["secondary-403", undefined],
    ] as const;
    for (const [kind, retryAfter] of faults) {
      w.sim.addFault({
        method: kind === "secondary-429" ? "POST" : "GET",
        route: kind === "secondary-429" ? COMMENTS : TIMELINE,
        rateLimit: kind,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      });
    }
    const numbers = await Promise.all(
      ["Checkout down", "Search down"].map((t) => declareIncident(w, `[Incident] ${t}`)),
    );
    await w.settle();
    expect(injected(w).sort()).toEqual([
      `GET ${TIMELINE} → secondary-403`,
      `GET ${TIMELINE} → secondary-403`,
      `POST ${COMMENTS} → secondary-429`,
      `POST ${COMMENTS} → secondary-429`,
    ]);
    const retryAfters = w.sim.requests.filter((r) => r.fault).length;
    expect(retryAfters).toBe(4);
    for (const number of numbers) expectDeclared(w, number);
    const warnings = logLines(w).filter((l) => l.level === 40 && /secondary rate limit/.test(l.msg));
    expect(warnings).toHaveLength(4);
  });

  it("waits for the reset when the primary rate limit is exhausted (x-ratelimit-remaining: 0)", async ({
    onTestFinished,
  }) => {
    // The simulator puts the reset on its own clock and the throttling plugin waits until then by the
    // wall clock, so this world's clock starts at the wall clock's current minute.
    const w = await open(onTestFinished, { mode: "app", start: wallClockMinute(0) });
    w.sim.addFault({ method: "GET", route: TIMELINE, rateLimit: "primary", retryAfter: 1 });
    w.sim.addFault({ method: "POST", route: COMMENTS, rateLimit: "primary", retryAfter: 1 });
    const number = await declareIncident(w);
    await w.settle();
    expect(injected(w)).toHaveLength(2);
    expect(kinds(w, number)).toEqual(["board", "checklist"]);
    expect(w.labels(number)).toContain("incident:declared");
    expect(duplicatesIn(w)).toEqual([]);
    expect(logLines(w).some((l) => l.level === 40 && /rate limit exhausted/.test(l.msg))).toBe(true);
  });

  it("answers GitHub before the work is done when the API is slow", async ({ onTestFinished }) => {
    const w = await open(onTestFinished, { mode: "app" });
    const number = await declareIncident(w);
    await w.settle();
    const opened = w.sim.deliveries.find((d) => d.event === "issues" && d.action === "opened")!;

    // The next timeline read takes 3 s, far beyond what acknowledging a webhook may take.
    const delayMs = 3_000;
    w.sim.addFault({ method: "GET", route: TIMELINE, delayMs });
    await w.as("bob").rest.issues.createComment({ ...repo, issue_number: number, body: "/ack" });
    const sent = Date.now();
    const response = await deliver(w.app!.webhookUrl, "issues", opened.payload);
    const answered = Date.now() - sent;
    expect(response.status).toBeLessThan(300);
    // The answer came back long before even one slow read could have finished…
    expect(answered).toBeLessThan(delayMs / 2);
    await w.settle();
    // …and the work it started did finish, reading the slow route.
    const finished = Date.now() - sent;
    expect(finished).toBeGreaterThanOrEqual(delayMs);
    expect(injected(w)).toEqual([`GET ${TIMELINE} → delay ${delayMs}ms`]);
    // GitHub's own deliveries were all answered in time too.
    expect(w.sim.deliveries.filter((d) => d.error !== undefined || (d.status ?? 0) >= 300)).toEqual([]);
    expect(w.labels(number)).toContain("incident:acknowledged");
  });

  /** Every reconcile of a new incident fails half-way (a 403 no client retries, on creating the board). */
  async function interrupted(w: World) {
    w.sim.addFault({ method: "POST", route: COMMENTS, status: 403, times: Infinity });
    const number = await declareIncident(w);
    await w.settle();
    w.sim.clearFaults();
    expect(w.labels(number)).toContain("incident:declared");
    expect(w.board(number)).toBeUndefined();
    return number;
  }

  it("the next scheduled reconcile completes what a failed one interrupted", async ({ onTestFinished }) => {
    const w = await open(onTestFinished, { mode: "app" });
    const number = await interrupted(w);
    w.clock.advance(minutes(1));
    await w.sweep();
    expectDeclared(w, number);
  });

  it("logs each failed reconcile with the id of the delivery that started it", async ({ onTestFinished }) => {
    const w = await open(onTestFinished, { mode: "app" });
    await interrupted(w);
    const ids = w.sim.deliveries.map((d) => d.id);
    const failures = logLines(w).filter((l) => l.level >= 50);
    expect(failures.length, "an error was logged").toBeGreaterThan(0);
    for (const failure of failures) {
      const line = JSON.stringify(failure);
      expect(
        ids.some((id) => line.includes(id)),
        `no delivery id in: ${line.slice(0, 300)}…`,
      ).toBe(true);
    }
  });

  it("finishes a post-mortem that a failure interrupted after the branch and file were written", async ({
    onTestFinished,
  }) => {
    const w = await open(onTestFinished, { mode: "app" });
    w.sim.addFault({ method: "POST", route: "/repos/{owner}/{repo}/pulls", status: 403, times: Infinity });
    const number = await resolvedSev1(w);
    w.sim.clearFaults();
    expect(postmortemPulls(w)).toHaveLength(0);
    expect(w.sim.branchSha(FULL, `expedite/postmortem-${number}`)).toBeDefined();

    w.clock.advance(minutes(1));
    await w.sweep();
    await w.sweep();
    expect(postmortemPulls(w)).toHaveLength(1);
    expect(postmortemPulls(w)[0]!.labels).toEqual(["postmortem"]);
    expect(w.labels(number)).toContain("incident:postmortem");
    expect(w.board(number)).toContain(`#${postmortemPulls(w)[0]!.number}`);
    expect(duplicatesIn(w)).toEqual([]);
  });
});

/** The wall clock's current minute, shifted by `offsetMinutes`, as the simulated GitHub's start time. */
function wallClockMinute(offsetMinutes: number): string {
  return new Date((Math.floor(Date.now() / 60_000) + offsetMinutes) * 60_000).toISOString();
}
