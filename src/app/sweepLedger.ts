import type { Redis } from "ioredis";
import { RepoInventory } from "./repoInventory.js";
import type { InventoryRepo } from "./repoInventory.js";

/** The last sweep of a repository that finished without a failure. */
export interface SweepRecord {
  /** The sweep's clock at its start: the next sweep looks back to here. */
  since: number;
  /** Wall-clock time of its start, for the cadence. */
  wall: number;
  /** Something was going on (open incident, freeze): swept every tick. */
  hot: boolean;
}

/**
 * What the scheduler remembers between ticks: each repository's last sweep, when an event last came from
 * it, each installation's repositories and last complete sweep. In one process it is memory; with Redis
 * every replica reads and writes the same ledger, since any of them may run the next tick.
 */
export interface SweepLedger {
  records(repoKeys: string[]): Promise<Map<string, SweepRecord>>;
  record(repoKey: string, record: SweepRecord): Promise<void>;
  activity(repoKeys: string[]): Promise<Map<string, number>>;
  touch(repoKey: string, wall: number): Promise<void>;
  completed(installationId: number, at: number): Promise<void>;
  completions(): Promise<ReadonlyMap<number, number>>;
  /** The installation's repositories, or undefined when they must be listed (unknown or due a check). */
  repos(installationId: number, now: number, checkEveryMs: number): Promise<InventoryRepo[] | undefined>;
  replaceRepos(installationId: number, repos: InventoryRepo[], now: number): Promise<void>;
  addRepos(installationId: number, repos: InventoryRepo[]): Promise<void>;
  removeRepos(installationId: number, repos: InventoryRepo[]): Promise<void>;
  forgetInstallation(installationId: number): Promise<void>;
}

const pick = <V>(map: ReadonlyMap<string, V>, keys: string[]) =>
  new Map(keys.flatMap((k) => (map.has(k) ? [[k, map.get(k)!] as const] : [])));

export function memorySweepLedger(): SweepLedger {
  const swept = new Map<string, SweepRecord>();
  const touched = new Map<string, number>();
  const complete = new Map<number, number>();
  const inventory = new RepoInventory();
  return {
    records: async (keys) => pick(swept, keys),
    record: async (key, record) => void swept.set(key, record),
    activity: async (keys) => pick(touched, keys),
    touch: async (key, wall) => void touched.set(key, wall),
    completed: async (id, at) => void complete.set(id, at),
    completions: async () => complete,
    repos: async (id, now, every) => inventory.repos(id, now, every),
    replaceRepos: async (id, repos, now) => inventory.replace(id, repos, now),
    addRepos: async (id, repos) => inventory.add(id, repos),
    removeRepos: async (id, repos) => inventory.remove(id, repos),
    forgetInstallation: async (id) => inventory.forget(id),
  };
}

/**
 * The ledger in Redis hashes. An installation event received by one replica invalidates the shared
 * inventory, so the next tick, wherever it runs, lists the installation's repositories afresh.
 */
export function redisSweepLedger(client: Redis, prefix: string): SweepLedger {
  const k = (name: string) => `${prefix}:${name}`;
  const fields = async (hash: string, keys: string[]) => {
    const values = keys.length > 0 ? await client.hmget(k(hash), ...keys) : [];
    return keys.flatMap((key, i) => (values[i] ? [[key, values[i]] as const] : []));
  };
  const forget = async (id: number) => void (await client.del(k(`inventory:${id}`)));
  return {
    records: async (keys) =>
      new Map((await fields("swept", keys)).map(([key, v]) => [key, JSON.parse(v) as SweepRecord])),
    record: async (key, record) => void (await client.hset(k("swept"), key, JSON.stringify(record))),
    activity: async (keys) => new Map((await fields("activity", keys)).map(([key, v]) => [key, Number(v)])),
    touch: async (key, wall) => void (await client.hset(k("activity"), key, String(wall))),
    completed: async (id, at) => void (await client.hset(k("complete"), String(id), String(at))),
    completions: async () =>
      new Map(
        Object.entries(await client.hgetall(k("complete"))).map(([id, at]) => [Number(id), Number(at)]),
      ),
    repos: async (id, now, every) => {
      const text = await client.get(k(`inventory:${id}`));
      if (!text) return undefined;
      const entry = JSON.parse(text) as { repos: InventoryRepo[]; checkedAt: number };
      return now - entry.checkedAt >= every ? undefined : entry.repos;
    },
    replaceRepos: async (id, repos, now) =>
      void (await client.set(k(`inventory:${id}`), JSON.stringify({ repos, checkedAt: now }))),
    addRepos: (id) => forget(id),
    removeRepos: (id) => forget(id),
    forgetInstallation: forget,
  };
}
