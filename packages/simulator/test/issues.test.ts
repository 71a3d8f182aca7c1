import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { installationClient, manualClock, REPO, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };

describe("labels", () => {
  it("creates, renames and deletes labels; a duplicate is 422 already_exists", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const { status, data } = await alice.issues.createLabel({
      ...repo,
      name: "incident:declared",
      color: "#FBCA04",
    });
    expect(status).toBe(201);
    // The colour keeps the case it was sent in, as GitHub's does.
    expect(data).toMatchObject({ name: "incident:declared", color: "FBCA04", default: false });
    const duplicate = await alice.issues
      .createLabel({ ...repo, name: "Incident:Declared", color: "000000" })
      .catch((e) => e);
    expect(duplicate.status).toBe(422);
    expect(duplicate.response.data.errors).toEqual([
      { resource: "Label", code: "already_exists", field: "name" },
    ]);

    const { data: issue } = await alice.issues.create({ ...repo, title: "x", labels: ["incident:declared"] });
    await alice.issues.updateLabel({ ...repo, name: "incident:declared", new_name: "incident:open" });
    const { data: after } = await alice.issues.get({ ...repo, issue_number: issue.number });
    expect(after.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["incident:open"]);
    await expect(alice.issues.getLabel({ ...repo, name: "incident:declared" })).rejects.toMatchObject({
      status: 404,
    });
    await alice.issues.deleteLabel({ ...repo, name: "incident:open" });
    expect(sim.issue(REPO, issue.number)?.labels).toEqual([]);
  });

  it("adds, sets and removes issue labels; removing an absent label is 404", async () => {
    const world = await startWorld();
    sim = world.sim;
    const bob = personClient(sim, "bob"); // triage
    const { data: issue } = await bob.issues.create({ ...repo, title: "x" });
    const { data: added } = await bob.issues.addLabels({
      ...repo,
      issue_number: issue.number,
      labels: ["a", "b"],
    });
    expect(added.map((l) => l.name)).toEqual(["a", "b"]);
    await bob.issues.setLabels({ ...repo, issue_number: issue.number, labels: ["b", "c"] });
    expect(sim.issue(REPO, issue.number)?.labels).toEqual(["b", "c"]);
    const { data: remaining } = await bob.issues.removeLabel({
      ...repo,
      issue_number: issue.number,
      name: "b",
    });
    expect(remaining.map((l) => l.name)).toEqual(["c"]);
    const missing = await bob.issues
      .removeLabel({ ...repo, issue_number: issue.number, name: "b" })
      .catch((e) => e);
    expect(missing.status).toBe(404);
    expect(missing.message).toContain("Label does not exist");
  });

  it("silently drops labels and assignees from someone without triage rights", async () => {
    const world = await startWorld();
    sim = world.sim;
    const dave = personClient(sim, "dave");
    const { data } = await dave.issues.create({
      ...repo,
      title: "help",
      labels: ["incident"],
      assignees: ["alice"],
    });
    expect(data.labels).toEqual([]);
    expect(data.assignees).toEqual([]);
    await expect(
      dave.issues.addLabels({ ...repo, issue_number: data.number, labels: ["x"] }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      dave.issues.update({ ...repo, issue_number: data.number, title: "mine" }),
    ).resolves.toMatchObject({ status: 200 });
    await expect(
      personClient(sim, "bob").issues.update({ ...repo, issue_number: data.number, state: "closed" }),
    ).resolves.toMatchObject({
      data: { state: "closed", state_reason: "completed" },
    });
  });
});

describe("assignees", () => {
  it("ignores logins that cannot be assigned, as GitHub does", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const { data: issue } = await alice.issues.create({ ...repo, title: "x" });
    const { status, data } = await alice.issues.addAssignees({
      ...repo,
      issue_number: issue.number,
      assignees: ["bob", "nobody-at-all", "expedite[bot]", "dave"],
    });
    expect(status).toBe(201);
    expect(data.assignees?.map((a) => a.login)).toEqual(["bob"]);
    // On a public repository people taking part in the issue become assignable.
    await personClient(sim, "dave").issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "me too",
    });
    await alice.issues.addAssignees({ ...repo, issue_number: issue.number, assignees: ["dave"] });
    expect(sim.issue(REPO, issue.number)?.assignees).toEqual(["bob", "dave"]);
    await alice.issues.removeAssignees({ ...repo, issue_number: issue.number, assignees: ["bob", "carol"] });
    expect(sim.issue(REPO, issue.number)?.assignees).toEqual(["dave"]);
  });
});

describe("issue listing", () => {
  it("filters by state and labels, includes pull requests with a pull_request key, and sorts", async () => {
    const clock = manualClock("2025-01-01T00:00:00Z");
    const world = await startWorld({ clock: clock.now });
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const make = async (title: string, labels: string[]) => {
      clock.advance(1000);
      return (await alice.issues.create({ ...repo, title, labels })).data.number;
    };
    const one = await make("one", ["incident", "sev:1"]);
    const two = await make("two", ["incident"]);
    const three = await make("three", []);
    sim.pushCommit({ repo: REPO, branch: "fix", files: { "x.txt": "x\n" }, author: "alice" });
    clock.advance(1000);
    const { data: pr } = await alice.pulls.create({ ...repo, head: "fix", base: "main", title: "fix" });
    await alice.issues.update({ ...repo, issue_number: three, state: "closed" });

    const open = (await alice.issues.listForRepo({ ...repo })).data;
    expect(open.map((i) => i.number)).toEqual([pr.number, two, one]);
    expect(open[0]?.pull_request?.url).toContain(`/pulls/${pr.number}`);
    expect(open[1]?.pull_request).toBeUndefined();
    const labeled = (await alice.issues.listForRepo({ ...repo, labels: "incident,sev:1" })).data;
    expect(labeled.map((i) => i.number)).toEqual([one]);
    const all = (await alice.issues.listForRepo({ ...repo, state: "all", direction: "asc" })).data;
    expect(all.map((i) => i.number)).toEqual([one, two, three, pr.number]);
    const closed = (await alice.issues.listForRepo({ ...repo, state: "closed" })).data;
    expect(closed.map((i) => i.number)).toEqual([three]);
    const since = (await alice.issues.listForRepo({ ...repo, state: "all", since: "2025-01-01T00:00:03Z" }))
      .data;
    expect(since.map((i) => i.number).sort()).toEqual([three, pr.number].sort());
  });
});

describe("comments and reactions", () => {
  it("answers 201 for a new reaction and 200 when that user already reacted the same way", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const bot = await installationClient(sim, world.installationId);
    const { data: issue } = await alice.issues.create({ ...repo, title: "x" });
    const { data: comment } = await alice.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "/ack",
    });
    const first = await bot.reactions.createForIssueComment({
      ...repo,
      comment_id: comment.id,
      content: "+1",
    });
    const again = await bot.reactions.createForIssueComment({
      ...repo,
      comment_id: comment.id,
      content: "+1",
    });
    const other = await alice.reactions.createForIssueComment({
      ...repo,
      comment_id: comment.id,
      content: "+1",
    });
    expect([first.status, again.status, other.status]).toEqual([201, 200, 201]);
    expect(again.data.id).toBe(first.data.id);
    expect(first.data.user?.login).toBe("expedite[bot]");
    const { data: fetched } = await alice.issues.getComment({ ...repo, comment_id: comment.id });
    expect(fetched.reactions).toMatchObject({ total_count: 2, "+1": 2, "-1": 0 });
    const { data: list } = await alice.reactions.listForIssueComment({
      ...repo,
      comment_id: comment.id,
      content: "+1",
    });
    expect(list.map((r) => r.user?.login)).toEqual(["expedite[bot]", "alice"]);
    await expect(
      alice.reactions.deleteForIssueComment({ ...repo, comment_id: comment.id, reaction_id: first.data.id }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await bot.reactions.deleteForIssueComment({
      ...repo,
      comment_id: comment.id,
      reaction_id: first.data.id,
    });
    expect(sim.comments(REPO, issue.number)[0]?.reactions).toEqual([{ content: "+1", user: "alice" }]);
  });

  it("lets authors and writers edit comments, not others", async () => {
    const world = await startWorld();
    sim = world.sim;
    const dave = personClient(sim, "dave");
    const { data: issue } = await dave.issues.create({ ...repo, title: "x" });
    const { data: comment } = await dave.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "hi",
    });
    await expect(
      personClient(sim, "bob").issues.updateComment({ ...repo, comment_id: comment.id, body: "no" }),
    ).rejects.toMatchObject({ status: 403 });
    await personClient(sim, "carol").issues.updateComment({
      ...repo,
      comment_id: comment.id,
      body: "edited",
    });
    expect(sim.comments(REPO, issue.number)[0]?.body).toBe("edited");
    const { data: listed } = await dave.issues.listComments({ ...repo, issue_number: issue.number });
    expect(listed.map((c) => c.body)).toEqual(["edited"]);
    const { data: all } = await dave.issues.listCommentsForRepo({ ...repo });
    expect(all.map((c) => c.id)).toEqual([comment.id]);
  });

  it("gives every author the right author_association", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.createRepo({ owner: "zed", name: "own" });
    sim.pushCommit({ repo: REPO, branch: "main", files: { "c.txt": "c\n" }, author: "erin" });
    const association = async (login: string, full = "acme/shop") => {
      const [owner, name] = full.split("/") as [string, string];
      const client = personClient(sim!, login);
      const { data } = await client.issues.create({ owner, repo: name, title: login });
      return data.author_association;
    };
    expect(await association("zed", "zed/own")).toBe("OWNER");
    expect(await association("alice")).toBe("MEMBER");
    expect(await association("bob")).toBe("COLLABORATOR");
    expect(await association("erin")).toBe("CONTRIBUTOR");
    expect(await association("dave")).toBe("NONE");
  });
});
