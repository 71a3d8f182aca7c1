import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { installationClient, manualClock, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };

describe("issue timeline", () => {
  it("records labels, comments, assignment, cross-references, renames and state changes in order", async () => {
    const clock = manualClock("2025-06-02T09:00:00Z");
    const world = await startWorld({ clock: clock.now });
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const bob = personClient(sim, "bob");
    const bot = await installationClient(sim, world.installationId, clock.now());
    const tick = () => clock.advance(60_000);

    await alice.issues.createLabel({ ...repo, name: "incident", color: "b60205" });
    const { data: incident } = await alice.issues.create({
      ...repo,
      title: "Checkout down",
      labels: ["incident"],
    });
    tick();
    const { data: comment } = await bob.issues.createComment({
      ...repo,
      issue_number: incident.number,
      body: "/ack",
    });
    await bot.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "+1" });
    tick();
    await alice.issues.addAssignees({ ...repo, issue_number: incident.number, assignees: ["bob"] });
    tick();
    const { data: other } = await alice.issues.create({
      ...repo,
      title: "Follow-up",
      body: `Caused by #${incident.number}`,
    });
    tick();
    await alice.issues.update({ ...repo, issue_number: incident.number, title: "Checkout is down" });
    tick();
    await bot.issues.removeLabel({ ...repo, issue_number: incident.number, name: "incident" });
    tick();
    await alice.issues.update({
      ...repo,
      issue_number: incident.number,
      state: "closed",
      state_reason: "not_planned",
    });
    tick();
    await alice.issues.update({ ...repo, issue_number: incident.number, state: "open" });

    const timeline = await alice.paginate(alice.issues.listEventsForTimeline, {
      ...repo,
      issue_number: incident.number,
      per_page: 3,
    });
    expect(timeline.map((e) => e.event)).toEqual([
      "labeled",
      "commented",
      "assigned",
      "cross-referenced",
      "renamed",
      "unlabeled",
      "closed",
      "reopened",
    ]);
    const [labeled, commented, assigned, crossRef, renamed, unlabeled, closed] = timeline as Array<
      Record<string, unknown>
    >;
    expect(labeled).toMatchObject({
      actor: { login: "alice" },
      label: { name: "incident", color: "b60205" },
      created_at: "2025-06-02T09:00:00Z",
      id: expect.any(Number),
      node_id: expect.any(String),
    });
    expect(commented).toMatchObject({
      id: comment.id,
      body: "/ack",
      user: { login: "bob" },
      actor: { login: "bob" },
      author_association: "COLLABORATOR",
      reactions: { total_count: 1, "+1": 1 },
      created_at: "2025-06-02T09:01:00Z",
    });
    expect(assigned).toMatchObject({ actor: { login: "alice" }, assignee: { login: "bob" } });
    expect(crossRef).toMatchObject({
      actor: { login: "alice" },
      source: { type: "issue", issue: { number: other.number, repository: { full_name: "acme/shop" } } },
    });
    expect(renamed).toMatchObject({ rename: { from: "Checkout down", to: "Checkout is down" } });
    expect(unlabeled).toMatchObject({
      actor: { login: "expedite[bot]" },
      label: { name: "incident" },
      performed_via_github_app: { slug: "expedite" },
    });
    expect(closed).toMatchObject({ state_reason: "not_planned", actor: { login: "alice" } });
    const times = timeline.map((e) => Date.parse(String((e as { created_at: string }).created_at)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("paginates the timeline with Link headers", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const { data: issue } = await alice.issues.create({ ...repo, title: "busy" });
    for (let i = 0; i < 5; i++)
      await alice.issues.createComment({ ...repo, issue_number: issue.number, body: `c${i}` });
    const first = await alice.issues.listEventsForTimeline({
      ...repo,
      issue_number: issue.number,
      per_page: 2,
    });
    expect(first.data).toHaveLength(2);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain("page=3");
    expect(first.headers.link).toContain(sim.url);
    const last = await alice.issues.listEventsForTimeline({
      ...repo,
      issue_number: issue.number,
      per_page: 2,
      page: 3,
    });
    expect(last.data.map((e) => (e as { body?: string }).body)).toEqual(["c4"]);
    expect(last.headers.link).toContain('rel="prev"');
    expect(last.headers.link).not.toContain('rel="next"');
  });

  it("drops a deleted comment from the timeline", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const { data: issue } = await alice.issues.create({ ...repo, title: "x" });
    const { data: comment } = await alice.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "oops",
    });
    await alice.issues.deleteComment({ ...repo, comment_id: comment.id });
    const { data } = await alice.issues.listEventsForTimeline({ ...repo, issue_number: issue.number });
    expect(data).toEqual([]);
    expect(sim.comments("acme/shop", issue.number)).toEqual([]);
  });
});
