import type { HookableOctokit, OctokitLike } from "./types.js";

export interface CachedResponse {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}
type Cached = CachedResponse;

/**
 * Where remembered responses live: this process's memory (memoryEtags.ts), or, in the App's Redis mode,
 * Redis, so a restarted or new replica asks conditionally from its first request.
 */
export interface EtagStore {
  get(scope: string, key: string): Promise<CachedResponse | undefined>;
  set(scope: string, key: string, value: CachedResponse): Promise<void>;
  /**
   * Sizes one scope's memory (the App: from the installation's repository count, so a sweep's reads of
   * every repository fit and come back as 304s on the next sweep instead of thrashing). Redis entries
   * expire by time instead.
   */
  resize?(scope: string, entries: number): void;
  /** Drops a scope from memory (an installation that was deleted); Redis entries expire by time. */
  forgetScope?(scope: string): void;
}

/**
 * Conditional GETs: remembers each response's ETag and asks again with If-None-Match. GitHub answers an
 * unchanged resource with 304, which does not count against the rate limit, and we reuse the body we had.
 * Idle reconciles (the scheduled sweep, a redelivered webhook) then cost almost nothing of the quota.
 */
export function withEtagCache<T extends OctokitLike>(octokit: T, scope: string, store: EtagStore): T {
  (octokit as unknown as HookableOctokit).hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const headers = (options.headers ?? {}) as Record<string, string>;
    const key = `${String(options.url)} ${JSON.stringify(urlParams(options))} ${headers.accept ?? ""} ${JSON.stringify(options.mediaType ?? {})}`;
    const cached = await store.get(scope, key);
    if (cached) options.headers = { ...headers, "if-none-match": cached.etag };
    try {
      const response = (await request(options)) as Cached["response"];
      const etag = response.headers.etag;
      if (typeof etag === "string") await store.set(scope, key, { etag, response });
      return response;
    } catch (error) {
      if (cached && (error as { status?: number }).status === 304) {
        await store.set(scope, key, cached);
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
