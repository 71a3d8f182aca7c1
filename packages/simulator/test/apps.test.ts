import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../src/index.js";
import {
  APP_ID,
  appKeys,
  installationClient,
  manualClock,
  REPO,
  signAppJwt,
  silentLog,
  startWorld,
  tokenClient,
} from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  expect(sim?.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

describe("GitHub App authentication", () => {
  it("exchanges an App JWT for an installation token that acts as <slug>[bot]", async () => {
    const world = await startWorld();
    sim = world.sim;
    const jwt = signAppJwt(APP_ID, appKeys().privateKeyPem, Math.floor(Date.now() / 1000));
    const asApp = tokenClient(sim, jwt);

    const { data: app } = await asApp.apps.getAuthenticated();
    expect(app).toMatchObject({ id: APP_ID, slug: "expedite", name: "Expedite" });
    const { data: installation } = await asApp.apps.getRepoInstallation({ owner: "acme", repo: "shop" });
    expect(installation.id).toBe(world.installationId);
    const { data: installations } = await asApp.apps.listInstallations();
    expect(installations.map((i) => i.id)).toEqual([world.installationId]);

    const { status, data: token } = await asApp.apps.createInstallationAccessToken({
      installation_id: world.installationId,
    });
    expect(status).toBe(201);
    expect(token.token).toMatch(/^ghs_/);
    expect(Date.parse(token.expires_at) - Date.now()).toBeGreaterThan(59 * 60_000);

    const bot = tokenClient(sim, token.token);
    const { data: comment } = await bot.issues.create({ owner: "acme", repo: "shop", title: "from the bot" });
    expect(comment.user?.login).toBe("expedite[bot]");
    expect(comment.user?.type).toBe("Bot");
    expect(comment.performed_via_github_app?.id).toBe(APP_ID);
    expect(sim.requests.at(-1)?.identity).toBe("expedite[bot]");
    expect(sim.requests.find((r) => r.route === "/app")?.identity).toBe(`app:${APP_ID}`);

    const { data: repos } = await bot.apps.listReposAccessibleToInstallation();
    expect(repos.repositories.map((r) => r.full_name)).toEqual([REPO]);
  });

  it("limits an installation token to the installation's repositories", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.createRepo({ owner: "acme", name: "private-other", ownerType: "Organization", private: true });
    sim.createRepo({ owner: "other", name: "thing", private: true });
    const selected = sim.installApp(APP_ID, "other", []);
    const bot = await installationClient(sim, world.installationId);

    await expect(bot.repos.get({ owner: "acme", repo: "private-other" })).resolves.toMatchObject({
      status: 200,
    });
    await expect(bot.repos.get({ owner: "other", repo: "thing" })).rejects.toMatchObject({ status: 404 });
    const narrow = await installationClient(sim, selected);
    await expect(narrow.repos.get({ owner: "other", repo: "thing" })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses bad JWTs with GitHub's messages", async () => {
    const world = await startWorld();
    sim = world.sim;
    const now = Math.floor(Date.now() / 1000);
    const { privateKeyPem } = appKeys();
    const attempt = (jwt: string) => tokenClient(world.sim, jwt).apps.getAuthenticated();

    const forged = signAppJwt(APP_ID, privateKeyPem, now).replace(/\.[^.]+$/, ".AAAA");
    await expect(attempt(forged)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("could not be decoded"),
    });
    await expect(attempt(signAppJwt(APP_ID, privateKeyPem, now - 3600))).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("'Expiration time' claim ('exp') must be a numeric value"),
    });
    await expect(attempt(signAppJwt(APP_ID, privateKeyPem, now, { exp: now + 3600 }))).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("too far in the future"),
    });
    await expect(attempt(signAppJwt(APP_ID, privateKeyPem, now + 600))).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("'Issued at' claim"),
    });
    await expect(attempt(signAppJwt(999, privateKeyPem, now))).rejects.toMatchObject({ status: 401 });
    // A JWT is only good for /app routes.
    const jwt = signAppJwt(APP_ID, privateKeyPem, now);
    await expect(
      tokenClient(world.sim, jwt).issues.listForRepo({ owner: "acme", repo: "shop" }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("refuses unknown and expired tokens with 401 Bad credentials", async () => {
    const clock = manualClock("2025-03-03T10:00:00Z");
    const world = await startWorld({ clock: clock.now });
    sim = world.sim;
    await expect(
      tokenClient(sim, "ghs_nope").issues.listForRepo({ owner: "acme", repo: "shop" }),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("Bad credentials"),
    });
    const bot = await installationClient(sim, world.installationId, clock.now());
    await expect(bot.issues.listForRepo({ owner: "acme", repo: "shop" })).resolves.toMatchObject({
      status: 200,
    });
    clock.advance(61 * 60_000);
    await expect(bot.issues.listForRepo({ owner: "acme", repo: "shop" })).rejects.toMatchObject({
      status: 401,
    });
    // An installation token cannot call JWT-only routes.
    const fresh = await installationClient(sim, world.installationId, clock.now());
    await expect(fresh.apps.getAuthenticated()).rejects.toMatchObject({ status: 401 });
  });

  it("lets @octokit/auth-app correct clock skew from the Date header, as against GitHub", async () => {
    // The simulator's clock is two hours ahead of this machine: every locally signed JWT looks expired.
    const clock = manualClock(Date.now() + 2 * 3600_000);
    const world = await startWorld({ clock: clock.now });
    sim = world.sim;
    const octokit = new ProbotOctokit({
      auth: { appId: APP_ID, privateKey: appKeys().privateKeyPem },
      baseUrl: sim.url,
      log: silentLog,
    });
    const { data } = await octokit.rest.apps.getAuthenticated();
    expect(data?.id).toBe(APP_ID);
    const statuses = sim.requests.filter((r) => r.route === "/app").map((r) => r.status);
    expect(statuses).toEqual([401, 200]);
  });

  it("gives GITHUB_TOKEN the github-actions[bot] identity, scoped to its repository", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.createRepo({ owner: "acme", name: "secret", ownerType: "Organization", private: true });
    const actions = tokenClient(sim, sim.actionsToken(REPO));
    const { data: issue } = await actions.issues.create({
      owner: "acme",
      repo: "shop",
      title: "from a workflow",
    });
    expect(issue.user?.login).toBe("github-actions[bot]");
    const { headers } = await actions.issues.get({ owner: "acme", repo: "shop", issue_number: issue.number });
    expect(headers["x-ratelimit-limit"]).toBe("1000");
    await expect(actions.repos.get({ owner: "acme", repo: "secret" })).rejects.toMatchObject({ status: 404 });
  });
});
