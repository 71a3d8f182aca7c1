import { markerIdentity, parseMarker } from "../core/markers.js";
import type { GitHubContext } from "./types.js";
import { createCommentOnce, updateComment } from "./writeComments.js";

/** Finds the bot's comment with this marker identity on an issue and writes `body` only if it differs. */
export async function upsertMarkedComment(
  gh: GitHubContext,
  number: number,
  identity: string,
  body: string,
): Promise<boolean> {
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100,
  });
  const mine = comments.find((c) => {
    if (!gh.trustedBots.has((c.user?.login ?? "").toLowerCase())) return false;
    const marker = parseMarker(c.body ?? "");
    return marker !== undefined && markerIdentity(marker) === identity;
  });
  if (mine === undefined) {
    await createCommentOnce(gh, number, identity, body);
    return true;
  }
  if (mine.body === body) return false;
  await updateComment(gh, mine.id, body);
  return true;
}
