import type { Config } from "../core/config/schema.js";
import type { RefusedConfig } from "../core/config/parseConfig.js";
import type { RepoSettings } from "../core/config/settings.js";
import type { GitHubContext } from "../github/types.js";
import { loadConfig, CONFIG_PATH } from "../github/loadConfig.js";
import { lastValidConfig } from "../github/lastValidConfig.js";
import { loadTemplates } from "../github/loadTemplates.js";

/**
 * Like repoSettings, but remembered by the run (RunCaches.settings, in Redis in the App's Redis mode) for
 * a few minutes of the run's clock: most events then read no config at all. A push that touches
 * `.github/` forgets the entry.
 */
export async function cachedRepoSettings(gh: GitHubContext, now: number): Promise<RepoSettings> {
  return gh.caches.settings.get(`${gh.owner}/${gh.repo}`, now, () => repoSettings(gh));
}

/** Config and templates for one repository. */
export async function repoSettings(gh: GitHubContext, path = CONFIG_PATH): Promise<RepoSettings> {
  const loaded = await loadConfig(gh, path);
  let config: Config;
  let refused: RefusedConfig | undefined;
  if (loaded.ok) config = loaded.config;
  else {
    const earlier = await lastValidConfig(gh, path);
    gh.log.error(
      {
        repo: `${gh.owner}/${gh.repo}`,
        problems: loaded.problems,
        ...(earlier ? { usingVersionOf: earlier.sha } : {}),
      },
      earlier
        ? "invalid Expedite configuration; refused, working from its last valid version"
        : "invalid Expedite configuration",
    );
    if (!earlier) return { ok: false, problems: loaded.problems, path };
    config = earlier.config;
    refused = {
      path,
      problems: loaded.problems,
      sha: earlier.sha,
      ...(earlier.at ? { at: earlier.at } : {}),
    };
  }
  const { templates, problems } = await loadTemplates(gh, config);
  if (problems.length > 0)
    gh.log.warn({ repo: `${gh.owner}/${gh.repo}`, problems }, "repository template problems");
  return {
    ok: true,
    config,
    templates,
    templateProblems: problems,
    ...(refused ? { refused } : {}),
    ...(loaded.ok && loaded.sources.length === 0 ? { absent: true } : {}),
  };
}

/** The bot plus any bots the config says to trust, lower-cased. */
export function trustedBotsFor(botLogin: string, config?: Config): Set<string> {
  const bots = new Set([botLogin.toLowerCase()]);
  for (const handle of config?.trusted_bots ?? []) bots.add(handle.replace(/^@/, "").toLowerCase());
  return bots;
}
