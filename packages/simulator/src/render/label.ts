import { nodeId } from "../world/ids.js";
import type { LabelRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { repoApiUrl } from "./urls.js";

export function renderLabel(world: World, repo: RepoRecord, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: repoApiUrl(world, repo, `/labels/${encodeURIComponent(label.name)}`),
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  };
}
