// API URLs point at the simulator so clients can follow them (pagination, `url` fields);
// HTML URLs point at github.com, as a person would click them.
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";

export const HTML_BASE = "https://github.com";

export function apiUrl(world: World, path: string): string {
  return `${world.baseUrl}${path.startsWith("/") ? path : `/${path}`}`;
}

export function repoApiUrl(world: World, repo: RepoRecord, suffix = ""): string {
  return apiUrl(world, `/repos/${repo.owner}/${repo.name}${suffix}`);
}

export function repoHtmlUrl(repo: RepoRecord, suffix = ""): string {
  return `${HTML_BASE}/${repo.owner}/${repo.name}${suffix}`;
}

/** Logins like "app[bot]" appear percent-encoded in GitHub's URLs. */
export function loginPath(login: string): string {
  return encodeURIComponent(login);
}
