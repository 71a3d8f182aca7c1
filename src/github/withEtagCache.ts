import type { HookableOctokit, OctokitLike } from "./types.js";

interface Cached {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

const MAX_ENTRIES = 5_000;
// Shared by every client of one installation in this process; keyed by installation and URL. Map keeps
// insertion order, which makes a cheap LRU: re-inserting on use moves an entry to the back.
const store = new Map<string, Cached>();

/**
 * Conditional GETs: remembers each response's ETag and asks again with If-None-Match. GitHub answers an
 * unchanged resource with 304, which does not count against the rate limit, and we reuse the body we had.
 * Idle reconciles (the scheduled sweep, a redelivered webhook) then cost almost nothing of the quota.
 */
export function withEtagCache<T extends OctokitLike>(octokit: T, scope: string): T {
  (octokit as unknown as HookableOctokit).hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const headers = (options.headers ?? {}) as Record<string, string>;
    const key = `${scope} ${String(options.url)} ${JSON.stringify(urlParams(options))} ${headers.accept ?? ""} ${JSON.stringify(options.mediaType ?? {})}`;
    const cached = store.get(key);
    if (cached) options.headers = { ...headers, "if-none-match": cached.etag };
    try {
      const response = (await request(options)) as Cached["response"];
      const etag = response.headers.etag;
      if (typeof etag === "string") {
        store.delete(key);
        store.set(key, { etag, response });
        if (store.size > MAX_ENTRIES) store.delete(store.keys().next().value as string);
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
  store.clear();
}
