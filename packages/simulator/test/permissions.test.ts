import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, personClient } from "../src/index.js";
import { installationClient, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  if (sim) expect(sim.validationErrors).toEqual([]);
  await sim?.close();
  sim = undefined;
});

describe("collaborator permission", () => {
  it("returns the legacy permission and the real role_name", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.addUser("tina");
    sim.addUser("wes");
    sim.setPermission("acme/shop", "tina", "triage");
    sim.setPermission("acme/shop", "wes", "admin");
    const bot = await installationClient(sim, world.installationId);
    const level = async (username: string) => {
      const { data } = await bot.repos.getCollaboratorPermissionLevel({
        owner: "acme",
        repo: "shop",
        username,
      });
      return [data.permission, data.role_name, data.user?.login];
    };
    expect(await level("alice")).toEqual(["write", "maintain", "alice"]);
    expect(await level("carol")).toEqual(["write", "write", "carol"]);
    expect(await level("tina")).toEqual(["read", "triage", "tina"]);
    expect(await level("wes")).toEqual(["admin", "admin", "wes"]);
    // Outsiders can read a public repository.
    expect(await level("dave")).toEqual(["read", "read", "dave"]);
    await expect(
      bot.repos.getCollaboratorPermissionLevel({ owner: "acme", repo: "shop", username: "ghost" }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("gives a non-collaborator 'none' on a private repository", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.createRepo({ owner: "acme", name: "vault", ownerType: "Organization", private: true });
    sim.addUser("olga", { orgs: ["acme"] });
    const bot = await installationClient(sim, world.installationId);
    const { data: outsider } = await bot.repos.getCollaboratorPermissionLevel({
      owner: "acme",
      repo: "vault",
      username: "dave",
    });
    expect([outsider.permission, outsider.role_name]).toEqual(["none", "none"]);
    // Organization members get the base permission (read).
    const { data: member } = await bot.repos.getCollaboratorPermissionLevel({
      owner: "acme",
      repo: "vault",
      username: "olga",
    });
    expect(member.permission).toBe("read");
    // And the private repository does not exist for outsiders.
    await expect(personClient(sim, "dave").repos.get({ owner: "acme", repo: "vault" })).rejects.toMatchObject(
      { status: 404 },
    );
  });
});

describe("team membership", () => {
  it("answers active membership for members and 404 otherwise", async () => {
    const world = await startWorld();
    sim = world.sim;
    sim.addTeam("acme", "tech-leads", ["alice", "carol"]);
    const bot = await installationClient(sim, world.installationId);
    const { data } = await bot.teams.getMembershipForUserInOrg({
      org: "acme",
      team_slug: "tech-leads",
      username: "carol",
    });
    expect(data).toMatchObject({ role: "member", state: "active" });
    await expect(
      bot.teams.getMembershipForUserInOrg({ org: "acme", team_slug: "tech-leads", username: "bob" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      bot.teams.getMembershipForUserInOrg({ org: "acme", team_slug: "nope", username: "alice" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    const { data: members } = await bot.teams.listMembersInOrg({ org: "acme", team_slug: "tech-leads" });
    expect(members.map((m) => m.login)).toEqual(["alice", "carol"]);
  });
});
