import type { Redis } from "ioredis";
import type { SettingsEntry, SettingsStore } from "../github/settingsCache.js";

/**
 * Repository settings (config and templates) in Redis, one hash per owner so that a push to the owner's
 * `.github` repository forgets all of its repositories at once. Replicas share the entries, and a push
 * received by one replica takes effect on all of them.
 */
export function redisSettings(client: Redis, prefix: string): SettingsStore {
  const hashOf = (repo: string) => `${prefix}:settings:${repo.split("/")[0]!.toLowerCase()}`;
  return {
    get: async (repo) => {
      const text = await client.hget(hashOf(repo), repo.toLowerCase());
      return text ? (JSON.parse(text) as SettingsEntry) : undefined;
    },
    set: async (repo, entry) => {
      await client.hset(hashOf(repo), repo.toLowerCase(), JSON.stringify(entry));
    },
    forget: async (repo) => {
      if (/\/\.github$/i.test(repo)) await client.del(hashOf(repo));
      else await client.hdel(hashOf(repo), repo.toLowerCase());
    },
  };
}
