import type { EtagStore } from "./withEtagCache.js";
import { memoryEtags } from "./memoryEtags.js";
import type { SettingsStore } from "./settingsCache.js";
import { SettingsCache, memorySettings } from "./settingsCache.js";

/** A repository's default branch and web address. */
export interface RepoFacts {
  defaultBranch: string;
  htmlUrl: string;
}

/**
 * What Expedite remembers between the requests of one App process or one Action run, so the next event
 * reads less. Whoever runs Expedite makes one (the App once per process, the Action once per run) and hands
 * it on in every GitHubContext; a new one starts cold, which is how tests and the bench isolate scenarios.
 * Keys are lower-case "owner/name".
 */
export interface RunCaches {
  /** Conditional-request ETags and bodies, per scope (an installation) and URL. */
  etags: EtagStore;
  /** Each repository's configuration and templates (the App reuses them for a few minutes). */
  settings: SettingsCache;
  /** Each repository's default branch and web address: they rarely change. */
  repoFacts: Map<string, RepoFacts>;
  /** Each repository's labels known to exist with their colours (lower-case names), listed once. */
  labels: Map<string, Promise<Set<string>>>;
}

/**
 * Fresh caches in this process's memory; the App's Redis mode passes its shared ETag and settings stores
 * so every replica sees the same entries and the same forgetting.
 */
export function runCaches(shared: { etags?: EtagStore; settings?: SettingsStore } = {}): RunCaches {
  return {
    etags: shared.etags ?? memoryEtags(),
    settings: new SettingsCache(shared.settings ?? memorySettings()),
    repoFacts: new Map(),
    labels: new Map(),
  };
}
