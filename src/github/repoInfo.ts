import type { RepoFacts, RunCaches } from "./runCaches.js";
import type { GitHubContext } from "./types.js";

/** Default branch and web URL of the repository (remembered by the run; they rarely change). */
export async function repoInfo(gh: GitHubContext): Promise<RepoFacts> {
  const key = `${gh.owner}/${gh.repo}`.toLowerCase();
  const hit = gh.caches.repoFacts.get(key);
  if (hit) return hit;
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}", { owner: gh.owner, repo: gh.repo });
  const info = { defaultBranch: data.default_branch, htmlUrl: data.html_url };
  gh.caches.repoFacts.set(key, info);
  return info;
}

/** Takes what a webhook payload already says about the repository, saving the read. */
export function primeRepoInfo(
  caches: RunCaches,
  fullName: string,
  info: { defaultBranch?: string; htmlUrl?: string },
): void {
  if (info.defaultBranch && info.htmlUrl)
    caches.repoFacts.set(fullName.toLowerCase(), {
      defaultBranch: info.defaultBranch,
      htmlUrl: info.htmlUrl,
    });
}
