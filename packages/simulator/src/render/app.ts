import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { AppRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { HTML_BASE } from "./urls.js";
import { restUser, webhookUser } from "./user.js";

// What the simulated Apps are granted; the simulator does not enforce per-permission scopes.
export const APP_PERMISSIONS = {
  actions: "read",
  checks: "write",
  contents: "write",
  deployments: "write",
  issues: "write",
  metadata: "read",
  pull_requests: "write",
  members: "read",
} as const;

export const APP_EVENTS = [
  "check_run",
  "deployment_protection_rule",
  "issue_comment",
  "issues",
  "label",
  "merge_group",
  "milestone",
  "pull_request",
  "pull_request_review",
  "push",
  "release",
];

function appCore(app: AppRecord): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("App", app.id),
    name: app.name,
    description: null,
    external_url: `https://example.com/${app.slug}`,
    html_url: `${HTML_BASE}/apps/${app.slug}`,
    created_at: isoTime(app.createdAt),
    updated_at: isoTime(app.createdAt),
    permissions: { ...APP_PERMISSIONS },
    events: [...APP_EVENTS],
  };
}

export function webhookApp(world: World, app: AppRecord): Record<string, unknown> {
  return { ...appCore(app), owner: webhookUser(world, world.requireUser(app.ownerLogin)) };
}

export function restApp(world: World, app: AppRecord): Record<string, unknown> {
  const installations = [...world.installations.values()].filter((i) => i.appId === app.id).length;
  return {
    ...appCore(app),
    owner: restUser(world, world.requireUser(app.ownerLogin)),
    client_id: `Iv1.${app.id.toString(16).padStart(16, "0")}`,
    installations_count: installations,
  };
}
