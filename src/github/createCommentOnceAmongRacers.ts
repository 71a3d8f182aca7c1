import { markerIdentity, parseMarker } from "../core/markers.js";
import type { GitHubContext } from "./types.js";
import { createCommentOnce, deleteComment } from "./writeComments.js";

/**
 * Posts a marked comment unless it exists; if a racing writer posted the same one meanwhile, the younger
 * copy is removed, so one remains whoever wins. Returns whether this call's comment is the one that stays.
 */
export async function createCommentOnceAmongRacers(
  gh: GitHubContext,
  number: number,
  identity: string,
  body: string,
): Promise<boolean> {
  const mine = await listMarked(gh, number, identity);
  if (mine.length > 0) return false;
  const id = await createCommentOnce(gh, number, identity, body);
  const all = await listMarked(gh, number, identity);
  const keep = Math.min(...all.map((c) => c.id), id);
  if (keep !== id) {
    await deleteComment(gh, id);
    return false;
  }
  return true;
}

async function listMarked(
  gh: GitHubContext,
  number: number,
  identity: string,
): Promise<Array<{ id: number }>> {
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100,
  });
  return comments
    .filter((c) => gh.trustedBots.has((c.user?.login ?? "").toLowerCase()))
    .filter((c) => {
      const marker = parseMarker(c.body ?? "");
      return marker !== undefined && markerIdentity(marker) === identity;
    })
    .map((c) => ({ id: c.id }));
}
