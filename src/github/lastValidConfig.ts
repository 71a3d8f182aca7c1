import type { Config } from "../core/config/schema.js";
import { loadConfig } from "./loadConfig.js";
import type { GitHubContext } from "./types.js";

/** How many earlier versions of the file are tried before giving up. */
const VERSIONS_TRIED = 10;

export interface EarlierConfig {
  config: Config;
  /** The commit whose version of the file is in use. */
  sha: string;
  /** When that commit was made (ISO), if GitHub says. */
  at?: string;
}

/**
 * The newest earlier version of the configuration file that is valid, from the file's history on the
 * default branch. A broken file must not silence paging: working from the last good version keeps labels,
 * clocks and pages running while the new one is refused loudly. Undefined when there is none.
 */
export async function lastValidConfig(gh: GitHubContext, path: string): Promise<EarlierConfig | undefined> {
  const { data: commits } = await gh.octokit.request("GET /repos/{owner}/{repo}/commits", {
    owner: gh.owner,
    repo: gh.repo,
    path,
    per_page: VERSIONS_TRIED + 1,
  });
  // The newest commit that touched the file holds the version just refused.
  for (const commit of commits.slice(1, VERSIONS_TRIED + 1)) {
    const loaded = await loadConfig(gh, path, commit.sha);
    if (loaded.ok)
      return {
        config: loaded.config,
        sha: commit.sha,
        ...(commit.commit.committer?.date ? { at: commit.commit.committer.date } : {}),
      };
  }
  return undefined;
}
