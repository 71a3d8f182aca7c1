import { verify } from "@octokit/webhooks-methods";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import {
  type HookReceiver,
  REPO,
  WEBHOOK_SECRET,
  deliveredEvents,
  installationClient,
  startHookReceiver,
  startWorld,
} from "./support.js";

let sim: Simulator | undefined;
let hook: HookReceiver | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  await hook?.close();
  sim = undefined;
  hook = undefined;
});

async function worldWithHook(seed = 1) {
  hook = await startHookReceiver();
  const world = await startWorld({ webhook: { url: hook.url, secret: WEBHOOK_SECRET }, seed });
  sim = world.sim;
  return {
    sim: world.sim,
    hook,
    alice: personClient(world.sim, "alice"),
    installationId: world.installationId,
  };
}

function bodies(receiver: HookReceiver) {
  return receiver.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

describe("webhook deliveries", () => {
  it("sends opened then labeled for an issue created with labels, signed with the secret", async () => {
    const { sim, hook, alice } = await worldWithHook();
    sim.createRepo({ owner: "acme", name: "quiet", ownerType: "Organization" });
    await alice.issues.createLabel({ owner: "acme", repo: "shop", name: "incident", color: "b60205" });
    await alice.issues.create({
      owner: "acme",
      repo: "shop",
      title: "Checkout down",
      labels: ["incident", "sev:1"],
    });
    await sim.deliveriesIdle();

    expect(deliveredEvents(sim)).toEqual([
      "label.created",
      "label.created", // sev:1 did not exist: adding it creates it, as on GitHub
      "issues.opened",
      "issues.labeled",
      "issues.labeled",
    ]);
    expect(hook.received).toHaveLength(5);
    for (const delivery of hook.received) {
      const signature = String(delivery.headers["x-hub-signature-256"]);
      expect(await verify(WEBHOOK_SECRET, delivery.body, signature)).toBe(true);
      expect(await verify("wrong secret", delivery.body, signature)).toBe(false);
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
      expect(delivery.headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(delivery.headers["x-github-hook-id"]).toBeDefined();
    }
    const [, , opened, labeled1, labeled2] = bodies(hook);
    expect(hook.received[2]?.headers["x-github-event"]).toBe("issues");
    expect(opened).toMatchObject({
      action: "opened",
      issue: { number: 1, title: "Checkout down", labels: [{ name: "incident" }, { name: "sev:1" }] },
      repository: { full_name: REPO },
      organization: { login: "acme" },
      sender: { login: "alice", type: "User" },
      installation: { id: expect.any(Number), node_id: expect.any(String) },
    });
    expect([labeled1?.label, labeled2?.label]).toMatchObject([
      { name: "incident", color: "b60205" },
      { name: "sev:1" },
    ]);
    expect(sim.deliveries.every((d) => d.status === 200)).toBe(true);
  });

  it("reports the App's own changes too, with the bot as sender", async () => {
    const { sim, hook, alice, installationId } = await worldWithHook();
    const { data: issue } = await alice.issues.create({ owner: "acme", repo: "shop", title: "x" });
    const { data: comment } = await alice.issues.createComment({
      owner: "acme",
      repo: "shop",
      issue_number: issue.number,
      body: "/ack",
    });
    await alice.issues.updateComment({
      owner: "acme",
      repo: "shop",
      comment_id: comment.id,
      body: "/ack now",
    });
    await alice.issues.deleteComment({ owner: "acme", repo: "shop", comment_id: comment.id });
    const bot = await installationClient(sim, installationId);
    await bot.issues.createComment({
      owner: "acme",
      repo: "shop",
      issue_number: issue.number,
      body: "board",
    });
    await sim.deliveriesIdle();
    const events = bodies(hook).filter((b) => typeof b.comment === "object");
    expect(events.map((b) => b.action)).toEqual(["created", "edited", "deleted", "created"]);
    expect(events[1]).toMatchObject({ changes: { body: { from: "/ack" } }, comment: { body: "/ack now" } });
    expect(events[3]).toMatchObject({
      sender: { login: "expedite[bot]", type: "Bot" },
      comment: { user: { login: "expedite[bot]" }, performed_via_github_app: { slug: "expedite" } },
    });
  });

  it("does not retry a failed delivery, and records its status", async () => {
    const { sim, hook, alice } = await worldWithHook();
    hook.status = 500;
    await alice.issues.create({ owner: "acme", repo: "shop", title: "x" });
    await sim.deliveriesIdle();
    expect(sim.deliveries).toHaveLength(1);
    expect(sim.deliveries[0]).toMatchObject({ event: "issues", action: "opened", status: 500 });
    expect(hook.received).toHaveLength(1);
  });

  it("records an unreachable receiver as an error", async () => {
    const { sim, alice } = await worldWithHook();
    // A port that was just free: nothing listens there.
    const closed = await startHookReceiver();
    await closed.close();
    sim.setWebhook({ url: closed.url, secret: "x" });
    await alice.issues.create({ owner: "acme", repo: "shop", title: "x" });
    await sim.deliveriesIdle();
    expect(sim.deliveries[0]?.status).toBeUndefined();
    expect(sim.deliveries[0]?.error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it("only tells an App about repositories it is installed on", async () => {
    const { sim, hook } = await worldWithHook();
    sim.createRepo({ owner: "zed", name: "elsewhere" });
    await personClient(sim, "zed").issues.create({
      owner: "zed",
      repo: "elsewhere",
      title: "not for the app",
    });
    await sim.deliveriesIdle();
    expect(hook.received).toHaveLength(0);
  });

  it("records payloads at once when no receiver is configured", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.pushCommit({ repo: REPO, branch: "main", files: { "x.txt": "x\n" }, author: "alice" });
    // Synchronously visible: Action-mode tests turn these payloads into workflow events.
    expect(sim.deliveries.map((d) => [d.event, d.error])).toEqual([["push", "no webhook configured"]]);
    expect(sim.deliveries[0]?.payload).toMatchObject({ ref: "refs/heads/main", pusher: { name: "alice" } });
  });

  it("duplicates deliveries with the same id, sequentially or concurrently", async () => {
    const { sim, hook, alice } = await worldWithHook();
    sim.setWebhookFaults({ duplicate: "sequential" });
    await alice.issues.create({ owner: "acme", repo: "shop", title: "one" });
    await sim.deliveriesIdle();
    sim.setWebhookFaults({ duplicate: "concurrent" });
    await alice.issues.create({ owner: "acme", repo: "shop", title: "two" });
    await sim.deliveriesIdle();
    const ids = hook.received.map((r) => String(r.headers["x-github-delivery"]));
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
    expect(bodies(hook).map((b) => (b.issue as { title: string }).title)).toEqual([
      "one",
      "one",
      "two",
      "two",
    ]);
  });

  it("queues while paused and reorders within a seeded window", async () => {
    const order = async (seed: number) => {
      const { sim, hook, alice } = await worldWithHook(seed);
      sim.setWebhookFaults({ reorderWindow: 5 });
      sim.pauseWebhooks();
      for (const title of ["a", "b", "c", "d", "e"])
        await alice.issues.create({ owner: "acme", repo: "shop", title });
      await sim.deliveriesIdle(); // paused: idle as soon as nothing is in flight
      expect(hook.received).toHaveLength(0);
      sim.resumeWebhooks();
      await sim.deliveriesIdle();
      const titles = bodies(hook).map((b) => (b.issue as { title: string }).title);
      expect(sim.validationErrors).toEqual([]);
      await sim.close();
      await hook.close();
      return titles;
    };
    const first = await order(7);
    const again = await order(7);
    const other = await order(8);
    sim = undefined;
    hook = undefined;
    expect([...first].sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(first).not.toEqual(["a", "b", "c", "d", "e"]);
    expect(again).toEqual(first); // same seed, same order
    expect(other).not.toEqual(first);
  });

  it("drops deliveries at the seeded rate and records the drop", async () => {
    const { sim, hook, alice } = await worldWithHook(3);
    sim.setWebhookFaults({ dropRate: 0.5 });
    for (let i = 0; i < 20; i++) await alice.issues.create({ owner: "acme", repo: "shop", title: `t${i}` });
    await sim.deliveriesIdle();
    const dropped = sim.deliveries.filter((d) => d.error?.includes("dropped"));
    expect(dropped.length).toBeGreaterThan(3);
    expect(dropped.length).toBeLessThan(17);
    expect(hook.received.length + dropped.length).toBe(20);
    sim.setWebhookFaults({});
    await alice.issues.create({ owner: "acme", repo: "shop", title: "after" });
    await sim.deliveriesIdle();
    expect(hook.received.length + dropped.length).toBe(21);
  });
});
