import { HttpError } from "../http/httpError.js";
import type { ReactionRecord } from "../world/records.js";
import type { World } from "../world/world.js";

/** Adds a reaction unless that user already reacted with that content (GitHub then answers 200). */
export function addReaction(
  world: World,
  reactions: ReactionRecord[],
  content: string,
  login: string,
): { reaction: ReactionRecord; created: boolean } {
  const existing = reactions.find(
    (r) => r.content === content && r.user.toLowerCase() === login.toLowerCase(),
  );
  if (existing) return { reaction: existing, created: false };
  const reaction: ReactionRecord = { id: world.ids.next("reaction"), content, user: login, at: world.now() };
  reactions.push(reaction);
  return { reaction, created: true };
}

export function removeReaction(reactions: ReactionRecord[], id: number): void {
  const index = reactions.findIndex((r) => r.id === id);
  if (index === -1) throw new HttpError(404, "Not Found");
  reactions.splice(index, 1);
}
