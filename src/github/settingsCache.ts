import type { RepoSettings } from "../core/config/settings.js";

/** How long a repository's settings are reused; a push touching `.github/` ends it early. */
export const SETTINGS_TTL_MS = 5 * 60_000;

/** A repository's settings as read at `at` (the run's clock). Plain JSON, so Redis can hold it. */
export interface SettingsEntry {
  at: number;
  settings: RepoSettings;
}

/**
 * Where remembered settings live: this process's memory, or Redis shared by the App's replicas (a push
 * received by one replica then takes effect on all of them). Keys are lower-case "owner/name".
 */
export interface SettingsStore {
  get(repo: string): Promise<SettingsEntry | undefined>;
  set(repo: string, entry: SettingsEntry): Promise<void>;
  /** Forgets one repository; the owner's `.github` repository (everyone's fallback) forgets the owner's all. */
  forget(repo: string): Promise<void>;
}

/** Whether forgetting `forgotten` forgets `repo` too (both lower-case "owner/name"). */
export function forgets(forgotten: string, repo: string): boolean {
  if (forgotten === repo) return true;
  const [owner, name] = forgotten.split("/");
  return name === ".github" && repo.startsWith(`${owner}/`);
}

/** Settings in this process's memory. */
export function memorySettings(): SettingsStore {
  const entries = new Map<string, SettingsEntry>();
  return {
    get: async (repo) => entries.get(repo),
    set: async (repo, entry) => void entries.set(repo, entry),
    forget: async (repo) => {
      for (const key of [...entries.keys()]) if (forgets(repo, key)) entries.delete(key);
    },
  };
}

/**
 * Each repository's settings, reused for `ttlMs` of the run's clock (the `now` each caller passes, so a
 * test's clock moves expiry as it moves everything else). No file at all is remembered until a push says
 * otherwise: most repositories of a large organisation have none, and asking again every few minutes
 * would cost two charged 404s each time. Concurrent callers for one repository share one read.
 */
export class SettingsCache {
  readonly #store: SettingsStore;
  readonly #ttlMs: number;
  readonly #loads = new Map<string, Promise<RepoSettings>>();

  constructor(store: SettingsStore, ttlMs = SETTINGS_TTL_MS) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  async get(repo: string, now: number, read: () => Promise<RepoSettings>): Promise<RepoSettings> {
    const key = repo.toLowerCase();
    const hit = await this.#store.get(key);
    const absent = hit?.settings.ok === true && hit.settings.absent === true;
    if (hit && (absent || now - hit.at < this.#ttlMs)) return hit.settings;
    const pending = this.#loads.get(key);
    if (pending) return pending;
    const load: Promise<RepoSettings> = read().then(async (settings) => {
      // Forgotten while it was being read (a push): what it read may predate the push, so it is not kept.
      if (this.#loads.get(key) === load) await this.#store.set(key, { at: now, settings });
      return settings;
    });
    this.#loads.set(key, load);
    try {
      return await load;
    } finally {
      if (this.#loads.get(key) === load) this.#loads.delete(key);
    }
  }

  /** A push touched `.github/` of `repo`: its settings (all of its owner's, for `.github`) are read afresh. */
  async forget(repo: string): Promise<void> {
    const key = repo.toLowerCase();
    for (const loading of [...this.#loads.keys()]) if (forgets(key, loading)) this.#loads.delete(loading);
    await this.#store.forget(key);
  }
}
