import { parseMarker } from "../core/markers.js";
import type { Claim } from "../core/channels/deliveryRecord.js";
import { DELIVERY_KIND, parseDelivery } from "../core/channels/deliveryRecord.js";
import type { GitHubContext } from "./types.js";
import { postComment } from "./writeComments.js";

/**
 * Posts a claim comment once, without the retry plugin's blind re-send: a create whose answer was lost is
 * found again by its nonce when the claims are listed.
 */
export async function postClaim(
  gh: GitHubContext,
  number: number,
  body: string,
): Promise<number | undefined> {
  try {
    return await postComment(gh, number, body);
  } catch (error) {
    gh.log.warn({ err: error, issue: number }, "claim for an outside message may not have been posted");
    return undefined;
  }
}

/** Every delivery claim the bot holds on an issue, by message, read now (a conditional GET is answered from the cache only when nothing changed). */
export async function listClaims(gh: GitHubContext, number: number): Promise<Map<string, Claim[]>> {
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100,
  });
  const claims = new Map<string, Claim[]>();
  for (const comment of comments) {
    if (!gh.trustedBots.has((comment.user?.login ?? "").toLowerCase())) continue;
    const body = comment.body ?? "";
    const marker = parseMarker(body);
    if (marker?.kind !== DELIVERY_KIND) continue;
    const record = parseDelivery({
      id: comment.id,
      identity: "",
      marker,
      body,
      at: 0,
      updatedAt: 0,
    });
    const message = marker.data.message ?? "";
    const attempt = Number(marker.data.attempt ?? 0);
    const list = claims.get(message) ?? [];
    list.push({ id: comment.id, attempt, ...(record ? { nonce: record.nonce } : {}) });
    claims.set(message, list);
  }
  return claims;
}
