import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { REPO, deliveredEvents, installationClient, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };

describe("webhook payloads", () => {
  it("match @octokit/webhooks-schemas for every event and action the simulator sends", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.addTeam("acme", "sre", ["alice"]);
    const alice = personClient(sim, "alice");
    const carol = personClient(sim, "carol");
    const bot = await installationClient(sim, world.installationId);

    // label.*
    await alice.issues.createLabel({ ...repo, name: "sev:1", color: "d93f0b", description: "worst" });
    await alice.issues.updateLabel({ ...repo, name: "sev:1", color: "b60205", description: "the worst" });
    await alice.issues.createLabel({ ...repo, name: "temp", color: "ededed" });
    await alice.issues.deleteLabel({ ...repo, name: "temp" });

    // issues.* and issue_comment.*
    const { data: issue } = await bot.issues.create({
      ...repo,
      title: "Checkout down",
      body: "x",
      labels: ["sev:1"],
      assignees: ["alice"],
    });
    const n = issue.number;
    await alice.issues.update({ ...repo, issue_number: n, title: "Checkout is down", body: "y" });
    await alice.issues.addAssignees({ ...repo, issue_number: n, assignees: ["carol"] });
    await alice.issues.removeAssignees({ ...repo, issue_number: n, assignees: ["carol"] });
    await alice.issues.removeLabel({ ...repo, issue_number: n, name: "sev:1" });
    const { data: comment } = await bot.issues.createComment({ ...repo, issue_number: n, body: "board" });
    await bot.issues.updateComment({ ...repo, comment_id: comment.id, body: "board v2" });
    await bot.issues.deleteComment({ ...repo, comment_id: comment.id });
    await alice.issues.update({ ...repo, issue_number: n, state: "closed", state_reason: "not_planned" });
    await alice.issues.update({ ...repo, issue_number: n, state: "open" });

    // push (create, update, force, delete) and pull_request.*
    const main = sim.branchSha(REPO, "main")!;
    await alice.git.createRef({ ...repo, ref: "refs/heads/release", sha: main });
    const head = sim.pushCommit({
      repo: REPO,
      branch: "fix",
      files: { "a.txt": "a\n", "README.md": null },
      author: "carol",
    });
    const { data: pr } = await carol.pulls.create({
      ...repo,
      head: "fix",
      base: "main",
      title: "Fix",
      body: `fixes #${n}`,
      draft: false,
    });
    const p = pr.number;
    await carol.pulls.update({ ...repo, pull_number: p, title: "Fix checkout", body: "fixes it" });
    await carol.pulls.update({ ...repo, pull_number: p, base: "release" });
    await carol.pulls.update({ ...repo, pull_number: p, base: "main" });
    await alice.issues.addLabels({ ...repo, issue_number: p, labels: ["postmortem"] });
    await alice.issues.removeLabel({ ...repo, issue_number: p, name: "postmortem" });
    await alice.issues.addAssignees({ ...repo, issue_number: p, assignees: ["carol"] });
    await alice.issues.removeAssignees({ ...repo, issue_number: p, assignees: ["carol"] });
    await carol.pulls.requestReviewers({
      ...repo,
      pull_number: p,
      reviewers: ["alice"],
      team_reviewers: ["sre"],
    });
    await carol.pulls.removeRequestedReviewers({
      ...repo,
      pull_number: p,
      reviewers: ["alice"],
      team_reviewers: ["sre"],
    });
    await alice.issues.createComment({ ...repo, issue_number: p, body: "/freeze-exception hotfix" });
    await alice.pulls.createReview({ ...repo, pull_number: p, event: "COMMENT", body: "hmm" });
    await alice.pulls.createReview({ ...repo, pull_number: p, event: "REQUEST_CHANGES", body: "no" });
    await alice.pulls.createReview({ ...repo, pull_number: p, event: "APPROVE" });
    await carol.pulls.update({ ...repo, pull_number: p, state: "closed" });
    await carol.pulls.update({ ...repo, pull_number: p, state: "open" });
    const next = sim.pushCommit({
      repo: REPO,
      branch: "fix",
      files: { "a.txt": "b\n" },
      author: "carol",
      message: `refs #${n}`,
    });
    await alice.git.updateRef({ ...repo, ref: "heads/release", sha: head });
    await alice.git.updateRef({ ...repo, ref: "heads/release", sha: main, force: true });

    // check_run.* and merge_group.*
    const { data: run } = await bot.checks.create({
      ...repo,
      name: "expedite/freeze",
      head_sha: next,
      status: "in_progress",
    });
    await bot.checks.update({
      ...repo,
      check_run_id: run.id,
      conclusion: "success",
      output: { title: "No freeze", summary: "ok", text: "details" },
    });
    sim.enqueueMergeGroup(REPO, p, "alice");
    await alice.pulls.merge({ ...repo, pull_number: p, merge_method: "squash" });
    await alice.git.deleteRef({ ...repo, ref: "heads/release" });

    await sim.deliveriesIdle();
    expect(new Set(deliveredEvents(sim))).toEqual(
      new Set([
        "label.created",
        "label.edited",
        "label.deleted",
        "issues.opened",
        "issues.labeled",
        "issues.assigned",
        "issues.edited",
        "issues.unassigned",
        "issues.unlabeled",
        "issues.closed",
        "issues.reopened",
        "issue_comment.created",
        "issue_comment.edited",
        "issue_comment.deleted",
        "push",
        "pull_request.opened",
        "pull_request.edited",
        "pull_request.labeled",
        "pull_request.unlabeled",
        "pull_request.assigned",
        "pull_request.unassigned",
        "pull_request.review_requested",
        "pull_request.review_request_removed",
        "pull_request_review.submitted",
        "pull_request.closed",
        "pull_request.reopened",
        "pull_request.synchronize",
        "check_run.created",
        "check_run.completed",
        "merge_group.checks_requested",
      ]),
    );
    expect(sim.validationErrors).toEqual([]);
    // The body lost "fixes #n" before the merge, and "refs #n" only references: the issue stays open.
    expect(sim.issue(REPO, n)?.state).toBe("open");
    const { data: timeline } = await alice.issues.listEventsForTimeline({ ...repo, issue_number: n });
    expect(timeline.map((e) => e.event)).toContain("referenced");
  });
});
