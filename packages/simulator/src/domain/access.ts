// Who may see and do what. GitHub answers 404 (not 403) for a private repository you cannot see.
import type { Role } from "../types.js";
import type { Identity, RepoRecord } from "../world/records.js";
import { installationCovers, type World } from "../world/world.js";

export type Access = Role | "none";

const RANK: Record<Access, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function atLeast(access: Access, needed: Role): boolean {
  return RANK[access] >= RANK[needed];
}

/** A person's role on a repository, as the collaborators permission endpoint reports it. */
export function roleOf(world: World, repo: RepoRecord, login: string): Access {
  const user = world.user(login);
  if (!user) return "none";
  if (user.login.toLowerCase() === repo.owner.toLowerCase()) return "admin";
  const explicit = world.explicitRole(repo, login);
  const owner = world.user(repo.owner);
  // Organization members get the base permission (GitHub's default: read) unless granted more.
  const base: Access =
    owner?.type === "Organization" && user.orgs.has(owner.login.toLowerCase()) ? "read" : "none";
  const granted = explicit !== undefined && RANK[explicit] > RANK[base] ? explicit : base;
  if (granted !== "none") return granted;
  return repo.private ? "none" : "read";
}

/** What an authenticated caller may do on a repository. */
export function accessOf(world: World, identity: Identity, repo: RepoRecord): Access {
  switch (identity.kind) {
    case "user":
      return roleOf(world, repo, identity.login);
    case "installation": {
      const installation = world.installations.get(identity.installationId);
      const narrowed = identity.repoIds === undefined || identity.repoIds.includes(repo.id);
      if (installation && installationCovers(installation, repo) && narrowed) return "write";
      return "none";
    }
    case "actions":
      if (identity.repoId === repo.id) return "write";
      return repo.private ? "none" : "read";
    case "anonymous":
      return repo.private ? "none" : "read";
    case "app":
      return "none";
  }
}

export function isCollaborator(world: World, repo: RepoRecord, login: string): boolean {
  const user = world.user(login);
  if (!user) return false;
  if (user.login.toLowerCase() === repo.owner.toLowerCase()) return true;
  if (world.explicitRole(repo, login) !== undefined) return true;
  const owner = world.user(repo.owner);
  return owner?.type === "Organization" && user.orgs.has(owner.login.toLowerCase());
}

export type AuthorAssociation = "OWNER" | "MEMBER" | "COLLABORATOR" | "CONTRIBUTOR" | "NONE";

export function authorAssociation(world: World, repo: RepoRecord, login: string): AuthorAssociation {
  const user = world.user(login);
  if (!user) return "NONE";
  if (user.login.toLowerCase() === repo.owner.toLowerCase()) return "OWNER";
  const owner = world.user(repo.owner);
  if (owner?.type === "Organization" && user.orgs.has(owner.login.toLowerCase())) return "MEMBER";
  if (world.explicitRole(repo, login) !== undefined) return "COLLABORATOR";
  if (repo.contributors.has(user.login.toLowerCase())) return "CONTRIBUTOR";
  return "NONE";
}

/** The login a write is attributed to (sender, comment author, actor). */
export function actorLogin(identity: Identity): string {
  switch (identity.kind) {
    case "user":
    case "installation":
    case "actions":
      return identity.login;
    case "app":
      return `app:${identity.appId}`;
    case "anonymous":
      return "anonymous";
  }
}

/** The App a write is performed via (performed_via_github_app), if any. */
export function viaApp(identity: Identity): number | undefined {
  return identity.kind === "installation" ? identity.appId : undefined;
}
