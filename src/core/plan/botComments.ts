import type { Marker } from "../markers.js";
import { markerIdentity, parseMarker } from "../markers.js";
import type { TimelineEvent } from "../snapshot.js";

/** A comment written by a trusted bot that carries a marker. */
export interface BotComment {
  id: number;
  identity: string;
  marker: Marker;
  body: string;
  at: number;
  updatedAt: number;
}

export interface CommentWrite {
  identity: string;
  body: string;
  /** Present when an existing comment is rewritten. */
  id?: number;
}

/** Bot comments on the issue, recognised by marker AND author; a marker in anyone else's text is ignored. */
export function botCommentsFrom(
  events: readonly TimelineEvent[],
  trustedBots: ReadonlySet<string>,
): BotComment[] {
  return botCommentsAmong(
    events.flatMap((event) => (event.type === "commented" ? [event.comment] : [])),
    trustedBots,
  );
}

/** The same, from a list of comments (an issue or pull request whose timeline is not read). */
export function botCommentsAmong(
  comments: ReadonlyArray<{ id: number; author: string; body: string; createdAt: number; updatedAt: number }>,
  trustedBots: ReadonlySet<string>,
): BotComment[] {
  const found: BotComment[] = [];
  for (const comment of comments) {
    if (!trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (!marker) continue;
    found.push({
      id: comment.id,
      identity: markerIdentity(marker),
      marker,
      body: comment.body,
      at: comment.createdAt,
      updatedAt: comment.updatedAt,
    });
  }
  return found;
}

/** The one comment kept per identity: the oldest, so links people already shared stay valid. */
export function latestByIdentity(comments: readonly BotComment[]): Map<string, BotComment> {
  const kept = new Map<string, BotComment>();
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    if (!kept.has(comment.identity)) kept.set(comment.identity, comment);
  }
  return kept;
}

/** Extra copies that two reconcilers racing each other may have left behind. */
export function duplicateBotComments(comments: readonly BotComment[]): number[] {
  const kept = latestByIdentity(comments);
  return comments.filter((c) => kept.get(c.identity)?.id !== c.id).map((c) => c.id);
}
