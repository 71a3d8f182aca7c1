import { isoTime } from "../world/isoTime.js";
import type { InstallationRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { APP_EVENTS, APP_PERMISSIONS } from "./app.js";
import { HTML_BASE, apiUrl } from "./urls.js";
import { restUser, webhookUser } from "./user.js";

export function renderInstallation(world: World, installation: InstallationRecord): Record<string, unknown> {
  const account = world.requireUser(installation.accountLogin);
  const app = world.apps.get(installation.appId)!;
  return {
    id: installation.id,
    account: restUser(world, account),
    repository_selection: installation.repoIds === undefined ? "all" : "selected",
    access_tokens_url: apiUrl(world, `/app/installations/${installation.id}/access_tokens`),
    repositories_url: apiUrl(world, "/installation/repositories"),
    html_url: `${HTML_BASE}/settings/installations/${installation.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: account.type === "Organization" ? "Organization" : "User",
    permissions: { ...APP_PERMISSIONS },
    events: [...APP_EVENTS],
    created_at: isoTime(installation.createdAt),
    updated_at: isoTime(installation.createdAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

/** The installation as webhook payloads carry it: the same fields, with the webhook form of its account. */
export function webhookInstallation(world: World, installation: InstallationRecord): Record<string, unknown> {
  return {
    ...renderInstallation(world, installation),
    account: webhookUser(world, world.requireUser(installation.accountLogin)),
  };
}
