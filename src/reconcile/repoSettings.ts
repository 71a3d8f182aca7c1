import type { Config } from "../core/config/schema.js";
import type { ConfigProblem, RefusedConfig } from "../core/config/parseConfig.js";
import type { Templates } from "../core/render/templates.js";
import type { GitHubContext } from "../github/types.js";
import { loadConfig, CONFIG_PATH } from "../github/loadConfig.js";
import { lastValidConfig } from "../github/lastValidConfig.js";
import { loadTemplates } from "../github/loadTemplates.js";

export type RepoSettings =
  | {
      ok: true;
      config: Config;
      templates: Templates;
      templateProblems: ConfigProblem[];
      refused?: RefusedConfig;
    }
  | { ok: false; problems: ConfigProblem[]; path: string };

const cache = new Map<string, { at: number; settings: Promise<RepoSettings> }>();

/**
 * Like repoSettings, but remembered per repository for `ttlMs` (App mode): most events then read no
 * config at all. A push that touches `.github/` forgets the entry (see forgetRepoSettings).
 */
export function cachedRepoSettings(gh: GitHubContext, now: number, ttlMs: number): Promise<RepoSettings> {
  const key = `${gh.owner}/${gh.repo}`.toLowerCase();
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.settings;
  const settings = repoSettings(gh, now);
  cache.set(key, { at: Date.now(), settings });
  settings.catch(() => cache.delete(key));
  return settings;
}

export function forgetRepoSettings(repo?: string): void {
  if (repo === undefined) cache.clear();
  else cache.delete(repo.toLowerCase());
}

/** Config and templates for one repository. */
export async function repoSettings(
  gh: GitHubContext,
  now: number,
  path = CONFIG_PATH,
): Promise<RepoSettings> {
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
  const { templates, problems } = await loadTemplates(gh, config, now);
  if (problems.length > 0)
    gh.log.warn({ repo: `${gh.owner}/${gh.repo}`, problems }, "repository template problems");
  return { ok: true, config, templates, templateProblems: problems, ...(refused ? { refused } : {}) };
}

/** The bot plus any bots the config says to trust, lower-cased. */
export function trustedBotsFor(botLogin: string, config?: Config): Set<string> {
  const bots = new Set([botLogin.toLowerCase()]);
  for (const handle of config?.trusted_bots ?? []) bots.add(handle.replace(/^@/, "").toLowerCase());
  return bots;
}
