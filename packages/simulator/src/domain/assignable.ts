import type { IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { isCollaborator } from "./access.js";

/** GitHub silently drops assignees who cannot be assigned: non-collaborators (except, on public
 * repositories, people taking part in the issue) and bots. */
export function isAssignable(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord | undefined,
  login: string,
): boolean {
  const user = world.user(login);
  if (!user || user.type !== "User") return false;
  if (isCollaborator(world, repo, login)) return true;
  if (repo.private || !issue) return false;
  const lower = user.login.toLowerCase();
  if (issue.user.toLowerCase() === lower) return true;
  return issue.commentIds.some((id) => world.comments.get(id)?.user.toLowerCase() === lower);
}
