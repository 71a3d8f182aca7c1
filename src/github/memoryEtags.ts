import type { CachedResponse, EtagStore } from "./withEtagCache.js";

const DEFAULT_ENTRIES = 5_000;

/**
 * Remembered responses in this process's memory: one LRU per scope (an installation), keyed by URL, so a
 * large installation cannot push a small one's entries out. Map keeps insertion order, which makes a cheap
 * LRU: re-inserting on use moves an entry to the back.
 */
export function memoryEtags(): EtagStore {
  const stores = new Map<string, { capacity: number; entries: Map<string, CachedResponse> }>();
  const storeOf = (scope: string) => {
    let store = stores.get(scope);
    if (!store) {
      store = { capacity: DEFAULT_ENTRIES, entries: new Map() };
      stores.set(scope, store);
    }
    return store;
  };
  return {
    get: async (scope, key) => storeOf(scope).entries.get(key),
    set: async (scope, key, value) => {
      const { entries, capacity } = storeOf(scope);
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    resize: (scope, entries) => {
      storeOf(scope).capacity = Math.max(DEFAULT_ENTRIES, entries);
    },
    forgetScope: (scope) => void stores.delete(scope),
  };
}
