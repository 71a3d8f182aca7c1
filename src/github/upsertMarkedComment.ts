import type { GitHubContext } from "./types.js";
import { createCommentOnce, updateComment } from "./writeComments.js";
import { findMarkedComment } from "./findMarkedComment.js";

/** Finds the bot's comment with this marker identity on an issue and writes `body` only if it differs. */
export async function upsertMarkedComment(
  gh: GitHubContext,
  number: number,
  identity: string,
  body: string,
): Promise<boolean> {
  const mine = await findMarkedComment(gh, number, identity);
  if (mine === undefined) {
    await createCommentOnce(gh, number, identity, body);
    return true;
  }
  if (mine.body === body) return false;
  await updateComment(gh, mine.id, body);
  return true;
}
