import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

/**
 * Whether `login` is an active member of the team `org/team`: "member", "not-member" (404 or a pending
 * invitation), or "forbidden" when the token may not read team membership (GITHUB_TOKEN cannot).
 */
export async function teamMembership(
  gh: GitHubContext,
  org: string,
  team: string,
  login: string,
): Promise<"member" | "not-member" | "forbidden"> {
  try {
    const { data } = await gh.octokit.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", {
      org,
      team_slug: team,
      username: login,
    });
    return data.state === "active" ? "member" : "not-member";
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return "not-member";
    if (status === 403) return "forbidden";
    throw error;
  }
}
