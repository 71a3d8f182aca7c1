import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { DurableQueue } from "../../src/app/durableQueue.js";
import { startTestRedis } from "../e2e/support/redisServer.js";
import type { TestRedis } from "../e2e/support/redisServer.js";
import { waitFor } from "../e2e/support/replicas.js";

// The Redis mode's queue on a real redis-server, two "replicas" (two queues, each with its worker) in one
// process: one job runs and one waits per object, whichever replica added them.

let redis: TestRedis;
const opened: Array<{ queue: DurableQueue; client: Redis }> = [];

beforeAll(async () => {
  redis = await startTestRedis(import.meta.url);
});
afterAll(async () => {
  for (const { queue, client } of opened) {
    await queue.close(1_000);
    client.disconnect();
  }
  await redis?.stop();
});

async function replica(prefix: string): Promise<DurableQueue> {
  const client = new Redis(redis.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  });
  await client.connect();
  const queue = await DurableQueue.open({
    url: redis.url,
    prefix,
    concurrency: 4,
    lockTtlMs: 5_000,
    log: () => undefined,
    client,
  });
  opened.push({ queue, client });
  return queue;
}

describe("the durable queue", () => {
  it("runs one job and keeps one waiting per object across replicas, the waiting one with the newest data; other objects run meanwhile", async () => {
    const prefix = `${redis.prefix}-dedup`;
    const [a, b] = [await replica(prefix), await replica(prefix)];
    const ran: Array<{ key: string; n: number }> = [];
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    for (const queue of [a, b])
      queue.start({
        process: async (_name, job) => {
          const { key, n } = job.data as { key: string; n: number };
          if (key === "acme/shop#1") {
            running++;
            most = Math.max(most, running);
            if (n === 0) await gate;
            running--;
          }
          ran.push({ key, n });
        },
        failed: () => undefined,
      });
    await a.add("object", { key: "acme/shop#1", n: 0 }, { priority: 1, dedup: "acme/shop#1" });
    await waitFor("the first job to run", async () => (await a.counts()).active === 1);
    // Five more events about the same incident, through both replicas, while its first job runs…
    for (let n = 1; n <= 5; n++)
      await (n % 2 ? a : b).add("object", { key: "acme/shop#1", n }, { priority: 1, dedup: "acme/shop#1" });
    // …and one about another incident, which does not wait for it.
    await b.add("object", { key: "acme/shop#2", n: 9 }, { priority: 1, dedup: "acme/shop#2" });
    await waitFor("the other incident's job", () => ran.some((r) => r.key === "acme/shop#2"));
    release();
    await waitFor("the queue to drain", async () => {
      const counts = await a.counts();
      return counts.waiting === 0 && counts.prioritized === 0 && counts.active === 0 && ran.length >= 3;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ran.filter((r) => r.key === "acme/shop#1").map((r) => r.n)).toEqual([0, 5]);
    expect(most).toBe(1);
  }, 60_000);
});
