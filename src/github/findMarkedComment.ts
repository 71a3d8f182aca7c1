import { parseMarker, markerIdentity } from "../core/markers.js";
import type { GitHubContext } from "./types.js";
import { listComments } from "./listComments.js";

/**
 * The bot's comment with this marker identity on an issue, if any. No `since` filter: our clock and
 * GitHub's may disagree, and a create that landed must be found.
 */
export async function findMarkedComment(
  gh: GitHubContext,
  number: number,
  identity: string,
): Promise<{ id: number; body: string } | undefined> {
  for (const comment of await listComments(gh, number)) {
    if (!gh.trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker && markerIdentity(marker) === identity) return { id: comment.id, body: comment.body };
  }
  return undefined;
}
