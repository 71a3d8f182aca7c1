import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { REPO, installationClient, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };

describe("contents", () => {
  it("serves a file as base64 JSON, or raw for the raw media type", async () => {
    const world = await startWorld();
    sim = world.sim;
    const bot = await installationClient(sim, world.installationId);
    const { data, headers } = await bot.repos.getContent({ ...repo, path: ".github/expedite.yml" });
    expect(headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(data).toMatchObject({
      type: "file",
      encoding: "base64",
      path: ".github/expedite.yml",
      name: "expedite.yml",
    });
    const file = data as { content: string; sha: string };
    expect(Buffer.from(file.content, "base64").toString("utf8")).toBe("severities: [1, 2]\n");
    expect(file.sha).toMatch(/^[0-9a-f]{40}$/);

    // What @probot/octokit-plugin-config sends.
    const raw = await bot.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...repo,
      path: ".github/expedite.yml",
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe("severities: [1, 2]\n");
    expect(raw.headers["content-type"]).not.toContain("application/json");

    const { data: dir } = await bot.repos.getContent({ ...repo, path: ".github" });
    expect(dir).toMatchObject([{ type: "file", name: "expedite.yml" }]);
    await expect(bot.repos.getContent({ ...repo, path: "missing.yml" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(bot.repos.getContent({ owner: "acme", repo: "nope", path: "x" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("creates and updates files, demanding the current sha to overwrite", async () => {
    const world = await startWorld();
    sim = world.sim;
    const bot = await installationClient(sim, world.installationId);
    await bot.git.createRef({
      ...repo,
      ref: "refs/heads/expedite/postmortem-1",
      sha: sim.branchSha(REPO, "main")!,
    });
    const put = (content: string, sha?: string) =>
      bot.repos.createOrUpdateFileContents({
        ...repo,
        path: "docs/postmortems/2025-01-01-1-checkout.md",
        branch: "expedite/postmortem-1",
        message: "Post-mortem",
        content: Buffer.from(content).toString("base64"),
        ...(sha ? { sha } : {}),
      });
    const created = await put("# Post-mortem\n");
    expect(created.status).toBe(201);
    expect(sim.file(REPO, "expedite/postmortem-1", "docs/postmortems/2025-01-01-1-checkout.md")).toBe(
      "# Post-mortem\n",
    );
    expect(sim.file(REPO, "main", "docs/postmortems/2025-01-01-1-checkout.md")).toBeUndefined();
    await expect(put("# again\n")).rejects.toMatchObject({ status: 422 });
    await expect(put("# again\n", "f".repeat(40))).rejects.toMatchObject({ status: 409 });
    const updated = await put("# v2\n", created.data.content?.sha);
    expect(updated.status).toBe(200);
    expect(updated.data.commit.parents?.[0]?.sha).toBe(created.data.commit.sha);
    expect(sim.branchSha(REPO, "expedite/postmortem-1")).toBe(updated.data.commit.sha);
  });
});

describe("git refs and branches", () => {
  it("creates refs (422 when one exists), fast-forwards, forces and deletes", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const main = sim.branchSha(REPO, "main")!;
    const { status, data } = await alice.git.createRef({ ...repo, ref: "refs/heads/feature", sha: main });
    expect(status).toBe(201);
    expect(data).toMatchObject({ ref: "refs/heads/feature", object: { sha: main, type: "commit" } });
    const again = await alice.git
      .createRef({ ...repo, ref: "refs/heads/feature", sha: main })
      .catch((e) => e);
    expect(again.status).toBe(422);
    expect(again.message).toContain("Reference already exists");
    await expect(
      alice.git.createRef({ ...repo, ref: "refs/heads/other", sha: "a".repeat(40) }),
    ).rejects.toMatchObject({ status: 422 });

    const ahead = sim.pushCommit({ repo: REPO, branch: "side", files: { "s.txt": "s\n" }, author: "alice" });
    await alice.git.updateRef({ ...repo, ref: "heads/feature", sha: ahead });
    const moved = sim.pushCommit({ repo: REPO, branch: "main", files: { "m.txt": "m\n" }, author: "alice" });
    await expect(alice.git.updateRef({ ...repo, ref: "heads/feature", sha: moved })).rejects.toMatchObject({
      status: 422,
    });
    await alice.git.updateRef({ ...repo, ref: "heads/feature", sha: moved, force: true });
    expect((await alice.git.getRef({ ...repo, ref: "heads/feature" })).data.object.sha).toBe(moved);

    const { data: branch } = await alice.repos.getBranch({ ...repo, branch: "feature" });
    expect(branch).toMatchObject({ name: "feature", commit: { sha: moved }, protected: false });
    await alice.git.deleteRef({ ...repo, ref: "heads/feature" });
    await expect(alice.git.getRef({ ...repo, ref: "heads/feature" })).rejects.toMatchObject({ status: 404 });
    await expect(alice.git.deleteRef({ ...repo, ref: "heads/feature" })).rejects.toMatchObject({
      status: 422,
    });
    await expect(
      personClient(sim, "bob").git.createRef({ ...repo, ref: "refs/heads/x", sha: main }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("reports required checks on a protected branch", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.setRequiredChecks(REPO, "main", [{ context: "expedite/freeze", appId: 4242 }]);
    const { data } = await personClient(sim, "alice").repos.getBranch({ ...repo, branch: "main" });
    expect(data.protected).toBe(true);
    expect(data.protection.required_status_checks?.checks).toEqual([
      { context: "expedite/freeze", app_id: 4242 },
    ]);
  });
});
