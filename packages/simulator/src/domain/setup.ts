// World setup used by the Simulator facade: direct state changes that send no webhooks.
import { addDefaultLabels } from "./labels.js";
import { createPublicKey, randomBytes } from "node:crypto";
import { createCommit } from "../git/commits.js";
import type { AppDefinition, Role } from "../types.js";
import type { AccountType, AppRecord, Identity, RepoRecord, UserRecord } from "../world/records.js";
import type { World } from "../world/world.js";

export const ACTIONS_APP = {
  id: 15368,
  slug: "github-actions",
  botLogin: "github-actions[bot]",
  botId: 41898282,
};
const APP_OWNER = "simulated-app-owners";

export function ensureAccount(world: World, login: string, type: AccountType): UserRecord {
  const existing = world.user(login);
  if (existing) return existing;
  const user: UserRecord = {
    id: world.ids.next("user"),
    login,
    type,
    createdAt: world.now(),
    orgs: new Set(),
  };
  world.users.set(login.toLowerCase(), user);
  return user;
}

export function addUser(
  world: World,
  login: string,
  options: { type?: "User" | "Bot"; orgs?: string[] } = {},
): UserRecord {
  const user = ensureAccount(world, login, options.type ?? "User");
  for (const org of options.orgs ?? []) {
    ensureAccount(world, org, "Organization");
    user.orgs.add(org.toLowerCase());
  }
  return user;
}

export function createRepo(
  world: World,
  input: {
    owner: string;
    name: string;
    defaultBranch?: string;
    files?: Record<string, string>;
    private?: boolean;
    ownerType?: "User" | "Organization";
    /** GitHub's nine default labels (default true, as on GitHub). */
    defaultLabels?: boolean;
  },
): RepoRecord {
  const fullName = `${input.owner}/${input.name}`;
  if (world.repo(fullName)) throw new Error(`simulator: repository ${fullName} already exists`);
  const owner = ensureAccount(world, input.owner, input.ownerType ?? "User");
  const now = world.now();
  const repo: RepoRecord = {
    id: world.ids.next("repo"),
    owner: owner.login,
    name: input.name,
    private: input.private ?? false,
    defaultBranch: input.defaultBranch ?? "main",
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
    refs: new Map(),
    commits: new Map(),
    labels: new Map(),
    issues: new Map(),
    nextNumber: 1,
    roles: new Map(),
    contributors: new Set(),
    requiredChecks: new Map(),
    checkSuites: new Map(),
    activities: [],
  };
  world.repos.set(repo.id, repo);
  world.reposByName.set(fullName.toLowerCase(), repo.id);
  if (input.defaultLabels !== false) addDefaultLabels(world, repo);
  // Every simulated repository starts with one commit so its default branch exists.
  const initial = createCommit(world, repo, {
    parents: [],
    files: new Map(Object.entries(input.files ?? {})),
    message: "Initial commit",
    author: owner.login,
  });
  repo.refs.set(`heads/${repo.defaultBranch}`, initial.sha);
  return repo;
}

export function setPermission(world: World, repoFullName: string, login: string, role: Role): void {
  const repo = world.requireRepo(repoFullName);
  world.requireUser(login);
  repo.roles.set(login.toLowerCase(), role);
}

export function addTeam(world: World, org: string, slug: string, members: string[]): void {
  ensureAccount(world, org, "Organization");
  for (const member of members) addUser(world, member, { orgs: [org] });
  const key = `${org.toLowerCase()}/${slug.toLowerCase()}`;
  const team = world.teams.get(key);
  if (team) {
    for (const member of members) team.members.add(member.toLowerCase());
    return;
  }
  world.teams.set(key, {
    id: world.ids.next("team"),
    org: world.requireUser(org).login,
    slug,
    name: slug,
    members: new Set(members.map((m) => m.toLowerCase())),
  });
}

export function registerApp(world: World, definition: AppDefinition): AppRecord {
  ensureAccount(world, APP_OWNER, "Organization");
  const botLogin = `${definition.slug}[bot]`;
  ensureAccount(world, botLogin, "Bot");
  const app: AppRecord = {
    id: definition.id,
    slug: definition.slug,
    name: definition.name ?? definition.slug,
    publicKey: createPublicKey(definition.publicKeyPem),
    ownerLogin: APP_OWNER,
    createdAt: world.now(),
    botLogin,
  };
  world.apps.set(app.id, app);
  return app;
}

/** github-actions: the App behind GITHUB_TOKEN, with GitHub's real ids. */
export function registerActionsApp(world: World): void {
  const github = ensureAccount(world, "github", "Organization");
  if (!world.user(ACTIONS_APP.botLogin)) {
    world.users.set(ACTIONS_APP.botLogin, {
      id: ACTIONS_APP.botId,
      login: ACTIONS_APP.botLogin,
      type: "Bot",
      createdAt: world.now(),
      orgs: new Set(),
    });
  }
  world.apps.set(ACTIONS_APP.id, {
    id: ACTIONS_APP.id,
    slug: ACTIONS_APP.slug,
    name: "GitHub Actions",
    ownerLogin: github.login,
    createdAt: world.now(),
    botLogin: ACTIONS_APP.botLogin,
  });
}

export function installApp(world: World, appId: number, owner: string, repoFullNames?: string[]): number {
  if (!world.apps.get(appId)?.publicKey)
    throw new Error(`simulator: unknown app ${appId}; pass it in options.apps`);
  const account = world.user(owner) ?? ensureAccount(world, owner, "User");
  const repoIds = repoFullNames?.map((name) => world.requireRepo(name).id);
  const id = world.ids.next("installation");
  world.installations.set(id, {
    id,
    appId,
    accountLogin: account.login,
    ...(repoIds ? { repoIds: new Set(repoIds) } : {}),
    createdAt: world.now(),
  });
  return id;
}

export function issueToken(world: World, prefix: string, identity: Identity, expiresAt?: number): string {
  const token = `${prefix}_${randomBytes(18).toString("base64url")}`;
  world.tokens.set(token, { identity, ...(expiresAt !== undefined ? { expiresAt } : {}) });
  return token;
}
