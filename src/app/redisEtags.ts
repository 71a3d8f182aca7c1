import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { CachedResponse, EtagStore } from "../github/withEtagCache.js";

/** A day: long enough for a slow cadence's sweeps to come back as 304s, short enough to bound memory. */
const TTL_SECONDS = 24 * 3_600;

/**
 * The conditional-request cache in Redis: one key per URL and scope, expiring a day after last use.
 * Replicas share it, and a restarted replica's first sweep asks with If-None-Match like a warm one.
 */
export function redisEtags(client: Redis, prefix: string): EtagStore {
  const keyOf = (scope: string, key: string) =>
    `${prefix}:etag:${scope}:${createHash("sha1").update(key).digest("base64url")}`;
  return {
    get: async (scope, key) => {
      const text = await client.get(keyOf(scope, key));
      return text ? (JSON.parse(text) as CachedResponse) : undefined;
    },
    set: async (scope, key, value) => {
      await client.set(keyOf(scope, key), JSON.stringify(value), "EX", TTL_SECONDS);
    },
  };
}
