import type { Permission } from "../core/snapshot.js";
import { PERMISSION_ORDER } from "../core/snapshot.js";
import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

/**
 * A person's real role on the repository, from the collaborators-permission API. `author_association`
 * is not used: it says nothing about private org members and cannot tell triage from read.
 */
export async function permissionOf(
  gh: GitHubContext,
  login: string,
  cache: Map<string, Permission>,
): Promise<Permission> {
  const key = login.toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  let permission: Permission = "none";
  try {
    const { data } = await gh.octokit.request(
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
      {
        owner: gh.owner,
        repo: gh.repo,
        username: login,
      },
    );
    // role_name carries triage and maintain; `permission` folds them into read and write.
    const role = data.role_name ?? data.permission;
    permission = (PERMISSION_ORDER as readonly string[]).includes(role)
      ? (role as Permission)
      : legacy(data.permission);
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  cache.set(key, permission);
  return permission;
}

function legacy(permission: string): Permission {
  return permission === "admin"
    ? "admin"
    : permission === "write"
      ? "write"
      : permission === "read"
        ? "read"
        : "none";
}
