import type { Redis } from "ioredis";

/** Job priorities (BullMQ: 1 runs first): what a person is waiting for, then clocks, then sweeps. */
export const PRIORITY = { webhook: 1, deadline: 2, sweep: 3 } as const;

interface Observation {
  remaining: number;
  /** When GitHub refills the installation's quota (epoch ms, from x-ratelimit-reset). */
  resetAt: number;
}

/**
 * Keeps part of each installation's hourly quota for webhook work. Every response's rate-limit headers
 * are recorded; a sweep of a repository is put off while fewer than `reserve` requests remain before the
 * reset, so an `/ack` typed during a large organisation's sweep still has quota to run. Deadline wake-ups
 * and webhooks may spend the reserve. With Redis the observations are shared by every replica.
 */
export class QuotaGuard {
  readonly reserve: number;
  readonly #local = new Map<number, Observation>();
  readonly #shared: { client: Redis; key: string } | undefined;

  constructor(reserve: number, shared?: { client: Redis; prefix: string }) {
    this.reserve = reserve;
    this.#shared = shared ? { client: shared.client, key: `${shared.prefix}:quota` } : undefined;
  }

  observe(installationId: number, headers: Record<string, unknown> | undefined): void {
    const remaining = Number(headers?.["x-ratelimit-remaining"]);
    const reset = Number(headers?.["x-ratelimit-reset"]);
    if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    const observation = { remaining, resetAt: reset * 1000 };
    this.#local.set(installationId, observation);
    // Best effort: a lost write only means another replica decides from a slightly older figure.
    void this.#shared?.client
      .hset(this.#shared.key, String(installationId), JSON.stringify(observation))
      .catch(() => undefined);
  }

  /** Whether a sweep may spend this installation's quota now (true when nothing is known yet). */
  async allowsSweep(installationId: number, now = Date.now()): Promise<boolean> {
    let seen = this.#local.get(installationId);
    if (this.#shared) {
      const text = await this.#shared.client.hget(this.#shared.key, String(installationId));
      if (text) seen = JSON.parse(text) as Observation;
    }
    return !seen || seen.resetAt <= now || seen.remaining >= this.reserve;
  }
}
