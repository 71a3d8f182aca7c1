import type { Redis } from "ioredis";
import { Mutex } from "redis-semaphore";
import type { Lanes, Logger } from "../github/types.js";

/**
 * Lanes shared by every replica: a job for an object holds a Redis lock on its key (redis-semaphore's
 * Mutex, refreshed while the job runs), so a webhook job, a wake-up and a sweep reconciling the same
 * incident on three replicas still run one at a time. A replica that dies holding a lock stops refreshing
 * it, and the lock expires after `ttlMs`.
 */
export class RedisLanes implements Lanes {
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #log: () => Logger | undefined;

  constructor(client: Redis, prefix: string, ttlMs: number, log: () => Logger | undefined) {
    this.#client = client;
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
    this.#log = log;
  }

  async run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const mutex = new Mutex(this.#client, `${this.#prefix}:lane:${key}`, {
      lockTimeout: this.#ttlMs,
      refreshInterval: Math.max(100, Math.floor(this.#ttlMs / 3)),
      // A lane is held for one reconcile (seconds, a minute when GitHub is slow and writes are paced).
      acquireTimeout: 10 * 60_000,
      retryInterval: 25,
      onLockLost: (error) =>
        this.#log()?.error({ err: error, lane: key }, "lost the lock of an object's lane while holding it"),
    });
    await mutex.acquire();
    const from = Date.now();
    try {
      return await job();
    } finally {
      const to = Date.now();
      await mutex.release().catch((error: unknown) => {
        this.#log()?.warn({ err: error, lane: key }, "could not release a lane; it expires by itself");
      });
      // One line per lane held, with its interval: lets an operator (and the replica tests) check that no
      // two replicas ever held one object's lane at the same time.
      this.#log()?.debug({ lane: key, from, to }, "lane released");
    }
  }
}
