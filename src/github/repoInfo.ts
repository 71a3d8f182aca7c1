import type { GitHubContext } from "./types.js";

const cache = new Map<string, { defaultBranch: string; htmlUrl: string }>();

/** Default branch and web URL of the repository (cached per process; they rarely change). */
export async function repoInfo(gh: GitHubContext): Promise<{ defaultBranch: string; htmlUrl: string }> {
  const key = `${gh.owner}/${gh.repo}`.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}", { owner: gh.owner, repo: gh.repo });
  const info = { defaultBranch: data.default_branch, htmlUrl: data.html_url };
  cache.set(key, info);
  return info;
}

/** Takes what a webhook payload already says about the repository, saving the read. */
export function primeRepoInfo(fullName: string, info: { defaultBranch?: string; htmlUrl?: string }): void {
  if (info.defaultBranch && info.htmlUrl)
    cache.set(fullName.toLowerCase(), { defaultBranch: info.defaultBranch, htmlUrl: info.htmlUrl });
}

export function forgetRepoInfo(): void {
  cache.clear();
}
