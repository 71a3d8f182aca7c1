import { nodeId } from "../world/ids.js";
import type { TeamRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { HTML_BASE, apiUrl } from "./urls.js";
import type { Variant } from "./variant.js";

export function renderTeam(world: World, team: TeamRecord, variant: Variant): Record<string, unknown> {
  const url = apiUrl(world, `/orgs/${team.org}/teams/${team.slug}`);
  const core = {
    name: team.name,
    id: team.id,
    node_id: nodeId("Team", team.id),
    slug: team.slug,
    description: null,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    url,
    html_url: `${HTML_BASE}/orgs/${team.org}/teams/${team.slug}`,
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    permission: "pull",
  };
  if (variant === "webhook") return core;
  const org = world.user(team.org);
  return { ...core, parent: null, type: "organization", ...(org ? { organization_id: org.id } : {}) };
}
