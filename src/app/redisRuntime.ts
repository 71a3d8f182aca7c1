import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import type { Logger } from "../github/types.js";
import type { EtagStore } from "../github/withEtagCache.js";
import type { SettingsStore } from "../github/settingsCache.js";
import type { RedisEnvironment } from "./readEnvironment.js";
import { DurableQueue } from "./durableQueue.js";
import { RedisLanes } from "./redisLanes.js";
import { redisEtags } from "./redisEtags.js";
import { redisSettings } from "./redisSettings.js";
import { redisSweepLedger } from "./sweepLedger.js";
import type { SweepLedger } from "./sweepLedger.js";

/** Everything the Redis mode shares between replicas, opened once per process. */
export interface RedisRuntime {
  prefix: string;
  replica: string;
  /** Fails fast while Redis is unreachable (no offline queue), so a webhook is answered 503 at once. */
  client: Redis;
  queue: DurableQueue;
  lanes: RedisLanes;
  etags: EtagStore;
  settings: SettingsStore;
  ledger: SweepLedger;
  /** Bottleneck's clustering connection: the write pacing of an installation holds across replicas. */
  bottleneck: Bottleneck.IORedisConnection;
  close: () => Promise<void>;
}

/**
 * Connects to REDIS_URL. Waits for Redis (logging while it does): a replica without it can do nothing
 * useful, and its health endpoint is not up until then, so an orchestrator keeps it out of rotation.
 */
export async function openRedisRuntime(
  env: RedisEnvironment,
  log: () => Logger | undefined,
): Promise<RedisRuntime> {
  const client = new Redis(env.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5_000,
    lazyConnect: true,
  });
  let complained = 0;
  client.on("error", (error: Error) => {
    // ioredis reconnects by itself; one line every 30 s is enough to say why work is waiting.
    if (Date.now() - complained < 30_000) return;
    complained = Date.now();
    log()?.error(
      { err: error },
      "Redis unreachable: webhooks are answered 503 and jobs wait until it is back",
    );
  });
  for (;;) {
    try {
      await client.connect();
      break;
    } catch (error) {
      log()?.warn({ err: error }, "waiting for Redis (REDIS_URL)");
      client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  const bottleneckClient = new Redis(env.url);
  bottleneckClient.on("error", () => undefined);
  const bottleneck = new Bottleneck.IORedisConnection({ client: bottleneckClient });
  // Bottleneck's subscriber is a duplicate of the client, without a listener of its own.
  (bottleneck as unknown as { subscriber?: Redis }).subscriber?.on("error", () => undefined);
  bottleneck.on("error", (error: Error) =>
    log()?.warn({ err: error }, "Bottleneck's Redis connection failed"),
  );
  const queue = await DurableQueue.open({
    url: env.url,
    prefix: env.prefix,
    concurrency: env.concurrency,
    lockTtlMs: env.lockTtlMs,
    attempts: env.attempts,
    backoffMs: env.backoffMs,
    log,
    client,
  });
  return {
    prefix: env.prefix,
    replica: env.replica,
    client,
    queue,
    lanes: new RedisLanes(client, env.prefix, env.lockTtlMs, log),
    etags: redisEtags(client, env.prefix),
    settings: redisSettings(client, env.prefix),
    ledger: redisSweepLedger(client, env.prefix),
    bottleneck,
    close: async () => {
      bottleneck.disconnect(false).catch(() => undefined);
      client.disconnect();
    },
  };
}
