import { Octokit } from "@octokit/rest";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { installationClient, manualClock, silentLog, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };

describe("HTTP conventions", () => {
  it("paginates with per_page/page and a Link header that octokit.paginate follows", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    // A new repository has GitHub's nine default labels; seven more make sixteen, listed in creation order.
    for (let i = 0; i < 7; i++) await alice.issues.createLabel({ ...repo, name: `l${i}`, color: "ededed" });
    const page2 = await alice.issues.listLabelsForRepo({ ...repo, per_page: 3, page: 4 });
    expect(page2.data.map((l) => l.name)).toEqual(["l0", "l1", "l2"]);
    const links = Object.fromEntries(
      String(page2.headers.link)
        .split(", ")
        .map((part) => {
          const [, url, rel] = /<([^>]+)>; rel="(\w+)"/.exec(part)!;
          return [rel, new URL(url!).searchParams.get("page")];
        }),
    );
    expect(links).toEqual({ prev: "3", next: "5", last: "6", first: "1" });
    const all = await alice.paginate(alice.issues.listLabelsForRepo, { ...repo, per_page: 2 });
    expect(all).toHaveLength(16);
    const big = await alice.issues.listLabelsForRepo({ ...repo, per_page: 500 });
    expect(big.data).toHaveLength(16); // per_page is capped at 100, not refused
    expect(big.headers.link).toBeUndefined();
  });

  it("answers a matching If-None-Match with 304, without spending rate limit", async () => {
    const world = await startWorld();
    sim = world.sim;
    const bot = await installationClient(sim, world.installationId);
    const first = await bot.issues.listLabelsForRepo({ ...repo });
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const remaining = Number(first.headers["x-ratelimit-remaining"]);
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    const cached = await bot.issues
      .listLabelsForRepo({ ...repo, headers: { "if-none-match": first.headers.etag! } })
      .catch((e: { status: number; response: { headers: Record<string, string> } }) => e);
    expect((cached as { status: number }).status).toBe(304);
    const after = await bot.issues.listLabelsForRepo({ ...repo });
    // 304 was free: only this last request counted.
    expect(Number(after.headers["x-ratelimit-remaining"])).toBe(remaining - 1);
    expect(sim.requests.map((r) => r.status)).toContain(304);
    // A change makes the old ETag stale.
    await personClient(sim, "alice").issues.createLabel({ ...repo, name: "new", color: "ededed" });
    const fresh = await bot.issues.listLabelsForRepo({
      ...repo,
      headers: { "if-none-match": first.headers.etag! },
    });
    expect(fresh.status).toBe(200);
  });

  it("sends GitHub's headers, with the simulator clock in Date", async () => {
    const clock = manualClock("2030-02-03T04:05:06Z");
    const world = await startWorld({ clock: clock.now });
    sim = world.sim;
    const { headers } = await personClient(sim, "alice").repos.get({ ...repo });
    expect(headers.date).toBe("Sun, 03 Feb 2030 04:05:06 GMT");
    expect(headers["x-github-request-id"]).toMatch(/^[0-9A-F:]+$/);
    expect(headers["x-ratelimit-resource"]).toBe("core");
    expect(headers["x-ratelimit-used"]).toBe("1");
    expect(Number(headers["x-ratelimit-reset"])).toBe(Date.parse("2030-02-03T05:05:06Z") / 1000);
  });

  it("exhausts the primary rate limit (anonymous: 60 an hour) and refills after the window", async () => {
    const clock = manualClock("2025-01-01T00:00:00Z");
    const world = await startWorld({ clock: clock.now });
    sim = world.sim;
    const anonymous = new Octokit({ baseUrl: sim.url, log: silentLog });
    for (let i = 0; i < 60; i++) await anonymous.repos.get({ ...repo });
    const { data: limits } = await anonymous.rateLimit.get();
    expect(limits.rate).toMatchObject({ limit: 60, remaining: 0, used: 60 });
    const error = await anonymous.repos.get({ ...repo }).catch((e) => e);
    expect(error.status).toBe(403);
    expect(error.message).toContain("API rate limit exceeded");
    expect(error.response.headers["x-ratelimit-remaining"]).toBe("0");
    clock.advance(3600_000);
    await expect(anonymous.repos.get({ ...repo })).resolves.toMatchObject({ status: 200 });
    await expect(anonymous.issues.create({ ...repo, title: "x" })).rejects.toMatchObject({ status: 401 });
  });

  it("records every request with its route template and identity", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const { data: issue } = await alice.issues.create({ ...repo, title: "x" });
    await alice.issues.createComment({ ...repo, issue_number: issue.number, body: "hello" });
    await alice.issues.get({ ...repo, issue_number: issue.number });
    await alice.request("GET /nowhere").catch(() => undefined);
    expect(sim.requests.map((r) => [r.method, r.route, r.status, r.identity])).toEqual([
      ["POST", "/repos/{owner}/{repo}/issues", 201, "alice"],
      ["POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 201, "alice"],
      ["GET", "/repos/{owner}/{repo}/issues/{issue_number}", 200, "alice"],
      ["GET", "", 404, "alice"],
    ]);
    expect(sim.writes().map((w) => w.body)).toEqual([{ title: "x" }, { body: "hello" }]);
    sim.clearLog();
    expect(sim.requests).toEqual([]);
  });
});
