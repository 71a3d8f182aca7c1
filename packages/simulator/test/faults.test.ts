import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { REPO, silentLog, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };
const COMMENTS = "/repos/{owner}/{repo}/issues/{issue_number}/comments";

async function withIssue() {
  const world = await startWorld();
  sim = world.sim;
  const alice = personClient(sim, "alice");
  const { data: issue } = await alice.issues.create({ ...repo, title: "x" });
  const comment = () => alice.issues.createComment({ ...repo, issue_number: issue.number, body: "hi" });
  return { sim, alice, issue, comment };
}

describe("injected faults", () => {
  it("answers 5xx without performing the write, for `times` matching requests", async () => {
    const { sim, issue, comment } = await withIssue();
    sim.addFault({ method: "POST", route: COMMENTS, status: 500, times: 2 });
    await expect(comment()).rejects.toMatchObject({ status: 500 });
    await expect(comment()).rejects.toMatchObject({ status: 500 });
    await expect(comment()).resolves.toMatchObject({ status: 201 });
    expect(sim.comments(REPO, issue.number)).toHaveLength(1);
    expect(
      sim
        .writes()
        .slice(-3)
        .map((w) => [w.status, w.applied, w.fault]),
    ).toEqual([
      [500, false, "500"],
      [500, false, "500"],
      [201, true, undefined],
    ]);
  });

  it("applyThenFail performs the write once, then answers 502", async () => {
    const { sim, issue, comment } = await withIssue();
    sim.addFault({ method: "POST", route: COMMENTS, applyThenFail: true });
    await expect(comment()).rejects.toMatchObject({ status: 502 });
    expect(sim.comments(REPO, issue.number)).toHaveLength(1);
    expect(sim.writes().at(-1)).toMatchObject({ status: 502, applied: true, fault: "applyThenFail 502" });
  });

  it("answers secondary rate limits with GitHub's message and retry-after", async () => {
    const { sim, comment } = await withIssue();
    sim.addFault({ route: COMMENTS, rateLimit: "secondary-403", retryAfter: 30 });
    const forbidden = await comment().catch((e) => e);
    expect(forbidden.status).toBe(403);
    expect(forbidden.message).toMatch(/secondary rate limit/);
    expect(forbidden.response.headers["retry-after"]).toBe("30");
    sim.addFault({ route: COMMENTS, rateLimit: "secondary-429" });
    const tooMany = await comment().catch((e) => e);
    expect(tooMany.status).toBe(429);
    expect(tooMany.response.headers["retry-after"]).toBeUndefined();
  });

  it("is retried by Probot's throttling plugin after retry-after", async () => {
    const { sim, issue } = await withIssue();
    const octokit = new ProbotOctokit({
      auth: { token: sim.tokenFor("alice") },
      baseUrl: sim.url,
      log: silentLog,
    });
    sim.addFault({ route: COMMENTS, rateLimit: "secondary-429", retryAfter: 1 });
    const started = Date.now();
    const { status } = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "hi",
    });
    expect(status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(
      sim
        .writes()
        .slice(-2)
        .map((w) => w.status),
    ).toEqual([429, 201]);
  });

  it("simulates primary exhaustion with remaining 0 and a reset time", async () => {
    const { sim, comment } = await withIssue();
    sim.addFault({ route: COMMENTS, rateLimit: "primary", retryAfter: 120 });
    const error = await comment().catch((e) => e);
    expect(error.status).toBe(403);
    expect(error.message).toContain("API rate limit exceeded for user");
    expect(error.response.headers["x-ratelimit-remaining"]).toBe("0");
    const reset = Number(error.response.headers["x-ratelimit-reset"]);
    expect(reset - Date.now() / 1000).toBeGreaterThan(100);
  });

  it("adds latency", async () => {
    const { sim, alice, issue } = await withIssue();
    sim.addFault({ method: "GET", route: "/repos/{owner}/{repo}/issues/{issue_number}", delayMs: 250 });
    const started = Date.now();
    await alice.issues.get({ ...repo, issue_number: issue.number });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("resets the connection", async () => {
    const { sim, issue, comment } = await withIssue();
    sim.addFault({ method: "POST", route: COMMENTS, reset: true });
    const error = await comment().catch((e) => e);
    expect(error.status).toBe(500); // octokit's status for a network failure
    const cause = error.cause as
      { message?: string; cause?: { code?: string; message?: string } } | undefined;
    expect(`${error.message} ${cause?.message} ${cause?.cause?.code} ${cause?.cause?.message}`).toMatch(
      /other side closed|ECONNRESET|socket/i,
    );
    expect(sim.comments(REPO, issue.number)).toHaveLength(0);
    expect(sim.writes().at(-1)).toMatchObject({ fault: "reset", applied: false });
    await expect(comment()).resolves.toMatchObject({ status: 201 });
  });

  it("matches any route when none is given, until cleared", async () => {
    const { sim, alice, comment } = await withIssue();
    sim.addFault({ status: 503, times: Infinity });
    await expect(alice.repos.get({ ...repo })).rejects.toMatchObject({ status: 503 });
    await expect(comment()).rejects.toMatchObject({ status: 503 });
    sim.clearFaults();
    await expect(comment()).resolves.toMatchObject({ status: 201 });
  });
});
