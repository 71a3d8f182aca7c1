import type { Config } from "../core/config/schema.js";
import type { ConfigProblem, RefusedConfig } from "../core/config/parseConfig.js";
import type { Templates } from "../core/render/templates.js";
import type { GitHubContext } from "../github/types.js";
import { loadConfig, CONFIG_PATH } from "../github/loadConfig.js";
import { lastValidConfig } from "../github/lastValidConfig.js";
import { forgetTemplates, loadTemplates } from "../github/loadTemplates.js";

export type RepoSettings =
  | {
      ok: true;
      config: Config;
      templates: Templates;
      templateProblems: ConfigProblem[];
      refused?: RefusedConfig;
      /** No configuration file anywhere (repository or owner's `.github`): the defaults apply. */
      absent?: boolean;
    }
  | { ok: false; problems: ConfigProblem[]; path: string };

const cache = new Map<string, { at: number; settings: Promise<RepoSettings>; absent?: boolean }>();

/** A settings cache shared by several processes (the App's Redis mode); entries are plain JSON. */
export interface SettingsStore {
  get(repo: string): Promise<{ at: number; settings: RepoSettings } | undefined>;
  set(repo: string, entry: { at: number; settings: RepoSettings }): Promise<void>;
}

/**
 * Like repoSettings, but remembered per repository for `ttlMs` (App mode): most events then read no
 * config at all. A push that touches `.github/` forgets the entry (see forgetRepoSettings). With a shared
 * `store`, every replica sees the same entries and the same forgetting.
 */
export async function cachedRepoSettings(
  gh: GitHubContext,
  now: number,
  ttlMs: number,
  store?: SettingsStore,
): Promise<RepoSettings> {
  const key = `${gh.owner}/${gh.repo}`.toLowerCase();
  if (store) {
    const hit = await store.get(key);
    const absent = hit?.settings.ok === true && hit.settings.absent === true;
    if (hit && (absent || Date.now() - hit.at < ttlMs)) return hit.settings;
    // Templates too are read afresh (through the conditional-request cache, so unchanged ones cost no
    // quota): this replica's own copy may predate a push another replica was told about.
    forgetTemplates(`${gh.owner}/${gh.repo}`);
    const at = Date.now();
    const settings = await repoSettings(gh, now);
    await store.set(key, { at, settings });
    return settings;
  }
  const hit = cache.get(key);
  if (hit && (hit.absent || Date.now() - hit.at < ttlMs)) return hit.settings;
  const settings = repoSettings(gh, now);
  const entry: { at: number; settings: Promise<RepoSettings>; absent?: boolean } = {
    at: Date.now(),
    settings,
  };
  cache.set(key, entry);
  // No file at all is remembered until a push says otherwise: most repositories of a large organisation
  // have none, and asking again every few minutes would cost two charged 404s each time.
  void settings.then(
    (s) => {
      if (s.ok && s.absent) entry.absent = true;
    },
    () => undefined,
  );
  settings.catch(() => cache.delete(key));
  return settings;
}

export function forgetRepoSettings(repo?: string): void {
  if (repo === undefined) cache.clear();
  else if (/\/\.github$/i.test(repo)) {
    // The owner's `.github` repository holds the fallback for every repository of that owner.
    const owner = `${repo.split("/")[0]!.toLowerCase()}/`;
    for (const key of [...cache.keys()]) if (key.startsWith(owner)) cache.delete(key);
  } else cache.delete(repo.toLowerCase());
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
