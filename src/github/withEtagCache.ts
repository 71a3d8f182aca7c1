import type { HookableOctokit, OctokitLike } from "./types.js";

interface Cached {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

const DEFAULT_ENTRIES = 5_000;
// One store per scope (an installation), shared by every client of it in this process and keyed by URL,
// so a large installation cannot push a small one's entries out. Map keeps insertion order, which makes a
// cheap LRU: re-inserting on use moves an entry to the back.
const stores = new Map<string, { capacity: number; entries: Map<string, Cached> }>();

function storeOf(scope: string) {
  let store = stores.get(scope);
  if (!store) {
    store = { capacity: DEFAULT_ENTRIES, entries: new Map() };
    stores.set(scope, store);
  }
  return store;
}

/**
 * Sizes one scope's cache (the App: from the installation's repository count, so a sweep's reads of every
 * repository fit and come back as 304s on the next sweep instead of thrashing).
 */
export function setEtagCapacity(scope: string, entries: number): void {
  const store = storeOf(scope);
  store.capacity = Math.max(DEFAULT_ENTRIES, entries);
}

/**
 * Conditional GETs: remembers each response's ETag and asks again with If-None-Match. GitHub answers an
 * unchanged resource with 304, which does not count against the rate limit, and we reuse the body we had.
 * Idle reconciles (the scheduled sweep, a redelivered webhook) then cost almost nothing of the quota.
 */
export function withEtagCache<T extends OctokitLike>(octokit: T, scope: string): T {
  (octokit as unknown as HookableOctokit).hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const headers = (options.headers ?? {}) as Record<string, string>;
    const key = `${String(options.url)} ${JSON.stringify(urlParams(options))} ${headers.accept ?? ""} ${JSON.stringify(options.mediaType ?? {})}`;
    const { entries: store, capacity } = storeOf(scope);
    const cached = store.get(key);
    if (cached) options.headers = { ...headers, "if-none-match": cached.etag };
    try {
      const response = (await request(options)) as Cached["response"];
      const etag = response.headers.etag;
      if (typeof etag === "string") {
        store.delete(key);
        store.set(key, { etag, response });
        if (store.size > capacity) store.delete(store.keys().next().value as string);
      }
      return response;
    } catch (error) {
      if (cached && (error as { status?: number }).status === 304) {
        store.delete(key);
        store.set(key, cached);
        return cached.response;
      }
      throw error;
    }
  });
  return octokit;
}

/** The request's parameters other than transport options, so two different pages never share an entry. */
function urlParams(options: Record<string, unknown>): Record<string, unknown> {
  const { method: _m, url: _u, headers: _h, request: _r, mediaType: _t, baseUrl: _b, ...rest } = options;
  return rest;
}

export function forgetEtags(): void {
  stores.clear();
}
