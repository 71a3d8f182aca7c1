import type { Config } from "../../core/config/schema.js";
import { approverHandles } from "../../core/freeze/approverHandles.js";
import type { GitHubContext } from "../../github/types.js";
import { teamMembership } from "../../github/teamMembership.js";

export async function isApprover(
  gh: GitHubContext,
  config: Config,
  login: string,
  now: number,
): Promise<boolean> {
  const lower = login.toLowerCase();
  for (const handle of approverHandles(config, now)) {
    const name = handle.slice(1);
    if (!name.includes("/")) {
      if (name.toLowerCase() === lower) return true;
      continue;
    }
    const [org, team] = name.split("/") as [string, string];
    const membership = await teamMembership(gh, org, team, login);
    if (membership === "member") return true;
    // A token that may not read team membership (GITHUB_TOKEN): not an approver, and say so, rather than
    // failing the whole check.
    if (membership === "forbidden")
      gh.log.warn(
        { org, team },
        "cannot read team membership; grant freeze.approvers by login or give the App members: read",
      );
  }
  return false;
}
