import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { ReactionRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { restUser } from "./user.js";

export const REACTION_CONTENTS = [
  "+1",
  "-1",
  "laugh",
  "confused",
  "heart",
  "hooray",
  "rocket",
  "eyes",
] as const;

export function reactionSummary(url: string, reactions: ReactionRecord[]): Record<string, unknown> {
  const summary: Record<string, unknown> = { url, total_count: reactions.length };
  for (const content of REACTION_CONTENTS)
    summary[content] = reactions.filter((r) => r.content === content).length;
  return summary;
}

export function renderReaction(world: World, reaction: ReactionRecord): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: nodeId("Reaction", reaction.id),
    user: restUser(world, world.requireUser(reaction.user)),
    content: reaction.content,
    created_at: isoTime(reaction.at),
  };
}
