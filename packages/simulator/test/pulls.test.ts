import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { APP_ID, REPO, deliveredEvents, installationClient, startWorld, tokenClient } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };

async function worldWithPull(body = "") {
  const world = await startWorld();
  sim = world.sim;
  const alice = personClient(sim, "alice");
  const headSha = sim.pushCommit({
    repo: REPO,
    branch: "fix/checkout",
    files: { "src/pay.ts": "export const ok = true;\n" },
    author: "carol",
    message: "Fix checkout",
  });
  const { data: pull } = await personClient(sim, "carol").pulls.create({
    ...repo,
    head: "fix/checkout",
    base: "main",
    title: "Fix checkout",
    body,
  });
  return { sim, alice, pull, headSha, bot: await installationClient(sim, world.installationId) };
}

describe("pull requests", () => {
  it("refuses a second open pull request for the same head with 422", async () => {
    const { alice, pull } = await worldWithPull();
    expect(pull).toMatchObject({
      number: 1,
      state: "open",
      head: { ref: "fix/checkout" },
      base: { ref: "main" },
      merged: false,
    });
    const error = await alice.pulls
      .create({ ...repo, head: "acme:fix/checkout", base: "main", title: "again" })
      .catch((e) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors[0].message).toBe(
      "A pull request already exists for acme:fix/checkout.",
    );
    const { data: listed } = await alice.pulls.list({ ...repo, head: "acme:fix/checkout" });
    expect(listed.map((p) => p.number)).toEqual([1]);
    const { data: files } = await alice.pulls.listFiles({ ...repo, pull_number: 1 });
    expect(files).toMatchObject([{ filename: "src/pay.ts", status: "added", additions: 1, deletions: 0 }]);
  });

  it("shares numbering with issues", async () => {
    const { alice, pull } = await worldWithPull();
    const { data: issue } = await alice.issues.create({ ...repo, title: "after" });
    expect(issue.number).toBe(pull.number + 1);
    const { data: asIssue } = await alice.issues.get({ ...repo, issue_number: pull.number });
    expect(asIssue.pull_request?.url).toContain(`/pulls/${pull.number}`);
  });

  it("refuses a merge with 405 until the pinned App's required check succeeds on the head", async () => {
    const { sim, alice, bot, headSha } = await worldWithPull();
    sim.setRequiredChecks(REPO, "main", [{ context: "expedite/freeze", appId: APP_ID }]);
    const merge = () => alice.pulls.merge({ ...repo, pull_number: 1 });
    await expect(merge()).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining('Required status check "expedite/freeze" is expected.'),
    });
    expect((await alice.pulls.get({ ...repo, pull_number: 1 })).data.mergeable_state).toBe("blocked");

    // Same name, wrong App: GITHUB_TOKEN's github-actions does not satisfy a check pinned to ours.
    const actions = tokenClient(sim, sim.actionsToken(REPO));
    await actions.checks.create({
      ...repo,
      name: "expedite/freeze",
      head_sha: headSha,
      conclusion: "success",
    });
    await expect(merge()).rejects.toMatchObject({ status: 405 });

    const { data: run } = await bot.checks.create({
      ...repo,
      name: "expedite/freeze",
      head_sha: headSha,
      status: "in_progress",
    });
    await expect(merge()).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining("is expected"),
    });
    await bot.checks.update({
      ...repo,
      check_run_id: run.id,
      conclusion: "failure",
      output: { title: "Frozen", summary: "Code freeze" },
    });
    await expect(merge()).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining("is failing"),
    });
    await bot.checks.create({ ...repo, name: "expedite/freeze", head_sha: headSha, conclusion: "success" });

    await expect(alice.pulls.merge({ ...repo, pull_number: 1, sha: "0".repeat(40) })).rejects.toMatchObject({
      status: 409,
    });
    const { status, data } = await merge();
    expect(status).toBe(200);
    expect(data).toMatchObject({ merged: true, message: "Pull Request successfully merged" });
    expect(sim.pull(REPO, 1)).toMatchObject({
      state: "closed",
      merged: true,
      merged_by: "alice",
      merge_commit_sha: data.sha,
    });
    expect(sim.branchSha(REPO, "main")).toBe(data.sha);
    expect(sim.file(REPO, "main", "src/pay.ts")).toBe("export const ok = true;\n");
    await expect(merge()).rejects.toMatchObject({ status: 405 });
    // The repository activity API records the merge as a merge, not as a push by whoever merged.
    const { data: activity } = await alice.request("GET /repos/{owner}/{repo}/activity", {
      ...repo,
      ref: "refs/heads/main",
    });
    expect(activity[0]).toMatchObject({
      activity_type: "pr_merge",
      after: data.sha,
      actor: { login: "alice" },
    });
  });

  it("counts neutral and skipped as passing, as GitHub does", async () => {
    const { sim, alice, bot, headSha } = await worldWithPull();
    sim.setRequiredChecks(REPO, "main", [{ context: "lint" }, { context: "docs" }]);
    await bot.checks.create({ ...repo, name: "lint", head_sha: headSha, conclusion: "neutral" });
    await bot.checks.create({ ...repo, name: "docs", head_sha: headSha, conclusion: "skipped" });
    await expect(alice.pulls.merge({ ...repo, pull_number: 1 })).resolves.toMatchObject({ status: 200 });
  });

  it("closes issues named with closing keywords when merged into the default branch", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const make = async (title: string) => (await alice.issues.create({ ...repo, title })).data.number;
    const [a, b, c, d] = [await make("a"), await make("b"), await make("c"), await make("d")];
    sim.pushCommit({ repo: REPO, branch: "fix", files: { "f.txt": "1\n" }, author: "alice" });
    const body = `Fixes #${a}, closes acme/shop#${b}\nResolves: #${c}\nRelated to #${d}`;
    const { data: pr } = await alice.pulls.create({ ...repo, head: "fix", base: "main", title: "Fix", body });
    sim.clearLog();
    await alice.pulls.merge({ ...repo, pull_number: pr.number });
    await sim.deliveriesIdle();
    expect([a, b, c, d].map((n) => sim!.issue(REPO, n)?.state)).toEqual([
      "closed",
      "closed",
      "closed",
      "open",
    ]);
    expect(sim.issue(REPO, a)).toMatchObject({ state_reason: "completed", closed_by: "alice" });
    const { data: timeline } = await alice.issues.listEventsForTimeline({ ...repo, issue_number: d });
    expect(timeline.map((e) => e.event)).toEqual(["cross-referenced"]);
    const { data: prTimeline } = await alice.issues.listEventsForTimeline({
      ...repo,
      issue_number: pr.number,
    });
    expect(prTimeline.map((e) => e.event)).toEqual(["merged", "closed"]);
    // Only the merge was an API write; the closes are GitHub's doing.
    expect(sim.writes().map((w) => w.route)).toEqual(["/repos/{owner}/{repo}/pulls/{pull_number}/merge"]);
  });

  it("does not close issues when the base is not the default branch", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const { data: issue } = await alice.issues.create({ ...repo, title: "a" });
    sim.pushCommit({ repo: REPO, branch: "release", files: {}, author: "alice" });
    sim.pushCommit({ repo: REPO, branch: "fix", files: { "f.txt": "1\n" }, author: "alice" });
    const { data: pr } = await alice.pulls.create({
      ...repo,
      head: "fix",
      base: "release",
      title: "Fix",
      body: `fixes #${issue.number}`,
    });
    await alice.pulls.merge({ ...repo, pull_number: pr.number });
    expect(sim.issue(REPO, issue.number)?.state).toBe("open");
  });

  it("moves the head when a commit lands on the head branch", async () => {
    const { sim, alice, headSha } = await worldWithPull();
    const next = sim.pushCommit({
      repo: REPO,
      branch: "fix/checkout",
      files: { "src/pay.ts": "export const ok = 1;\n" },
      author: "carol",
    });
    expect(next).not.toBe(headSha);
    expect(sim.pull(REPO, 1)?.head.sha).toBe(next);
    const { data } = await alice.pulls.get({ ...repo, pull_number: 1 });
    expect(data.head.sha).toBe(next);
    expect(data.commits).toBe(2);
  });

  it("requests and removes reviewers and teams, refusing the author and outsiders", async () => {
    const { sim, alice } = await worldWithPull();
    sim.addTeam("acme", "sre", ["alice", "bob"]);
    const { status, data } = await alice.pulls.requestReviewers({
      ...repo,
      pull_number: 1,
      reviewers: ["bob"],
      team_reviewers: ["sre"],
    });
    expect(status).toBe(201);
    expect(data.requested_reviewers?.map((u) => u.login)).toEqual(["bob"]);
    expect(data.requested_teams?.map((t) => t.slug)).toEqual(["sre"]);
    await expect(
      alice.pulls.requestReviewers({ ...repo, pull_number: 1, reviewers: ["carol"] }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      alice.pulls.requestReviewers({ ...repo, pull_number: 1, reviewers: ["dave"] }),
    ).rejects.toMatchObject({ status: 422 });
    await alice.pulls.removeRequestedReviewers({
      ...repo,
      pull_number: 1,
      reviewers: ["bob"],
      team_reviewers: [],
    });
    expect(sim.pull(REPO, 1)).toMatchObject({ requested_reviewers: [], requested_teams: ["sre"] });
    const { data: timeline } = await alice.issues.listEventsForTimeline({ ...repo, issue_number: 1 });
    expect(timeline.map((e) => e.event)).toEqual([
      "review_requested",
      "review_requested",
      "review_request_removed",
    ]);
    expect(timeline[1]).toMatchObject({
      requested_team: { slug: "sre" },
      review_requester: { login: "alice" },
    });
  });

  it("records reviews; an author cannot approve their own pull request", async () => {
    const { sim, alice } = await worldWithPull();
    await alice.pulls
      .requestReviewers({ ...repo, pull_number: 1, reviewers: ["alice"] })
      .catch(() => undefined);
    await expect(
      personClient(sim, "carol").pulls.createReview({ ...repo, pull_number: 1, event: "APPROVE" }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: review } = await alice.pulls.createReview({
      ...repo,
      pull_number: 1,
      event: "APPROVE",
      body: "LGTM",
    });
    expect(review).toMatchObject({ state: "APPROVED", user: { login: "alice" } });
    const { data: reviews } = await alice.pulls.listReviews({ ...repo, pull_number: 1 });
    expect(reviews.map((r) => r.state)).toEqual(["APPROVED"]);
    expect(sim.pull(REPO, 1)?.requested_reviewers).toEqual([]);
  });

  it("builds a merge-queue group and asks for checks on it", async () => {
    const { sim } = await worldWithPull();
    const group = sim.enqueueMergeGroup(REPO, 1);
    expect(group.headRef).toMatch(/^refs\/heads\/gh-readonly-queue\/main\/pr-1-[0-9a-f]{40}$/);
    expect(sim.file(REPO, group.headSha, "src/pay.ts")).toBe("export const ok = true;\n");
  });
});

describe("pull request webhooks", () => {
  it("reports opened, synchronize, review_requested, check runs, merge and the merge group", async () => {
    const world = await startWorld({ webhook: { url: "http://127.0.0.1:1/unused", secret: "s" } });
    sim = world.sim;
    sim.pauseWebhooks(); // keep everything queued: we only look at payloads
    const carol = personClient(sim, "carol");
    const bot = await installationClient(sim, world.installationId);
    const head = sim.pushCommit({ repo: REPO, branch: "fix", files: { "a.txt": "a\n" }, author: "carol" });
    await carol.pulls.create({ ...repo, head: "fix", base: "main", title: "Fix" });
    const next = sim.pushCommit({ repo: REPO, branch: "fix", files: { "a.txt": "b\n" }, author: "carol" });
    await carol.pulls.requestReviewers({ ...repo, pull_number: 1, reviewers: ["alice"] });
    await bot.checks.create({ ...repo, name: "expedite/freeze", head_sha: next, conclusion: "success" });
    sim.enqueueMergeGroup(REPO, 1, "alice");
    await personClient(sim, "alice").pulls.merge({ ...repo, pull_number: 1 });
    sim.setWebhook(undefined);
    sim.resumeWebhooks();
    await sim.deliveriesIdle();
    expect(deliveredEvents(sim)).toEqual([
      "push",
      "pull_request.opened",
      "push",
      "pull_request.synchronize",
      "pull_request.review_requested",
      "check_run.created",
      "check_run.completed",
      "push",
      "merge_group.checks_requested",
      "push",
      "pull_request.closed",
    ]);
    const payload = (name: string) => sim!.deliveries.find((d) => `${d.event}.${d.action}` === name)!.payload;
    expect(payload("pull_request.synchronize")).toMatchObject({ before: head, after: next, number: 1 });
    expect(payload("pull_request.closed")).toMatchObject({
      pull_request: { merged: true, merged_by: { login: "alice" } },
    });
    expect(payload("check_run.completed")).toMatchObject({
      check_run: {
        name: "expedite/freeze",
        conclusion: "success",
        app: { id: APP_ID },
        pull_requests: [{ number: 1 }],
      },
      sender: { login: "expedite[bot]" },
    });
    expect(payload("merge_group.checks_requested")).toMatchObject({
      merge_group: {
        base_ref: "refs/heads/main",
        head_ref: expect.stringContaining("gh-readonly-queue/main/pr-1-"),
      },
      sender: { login: "alice" },
    });
  });
});
