// Primary rate limits per caller, on the simulator clock: 5000/h for users and installations,
// 1000/h per repository for GITHUB_TOKEN, 60/h anonymous. Windows start at the first request.
import type { Identity } from "../world/records.js";

const HOUR_MS = 3_600_000;

export interface RateState {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds. */
  reset: number;
  resource: "core";
}

interface Bucket {
  limit: number;
  used: number;
  windowStart: number;
}

export function bucketOf(identity: Identity): { key: string; limit: number } {
  switch (identity.kind) {
    case "user":
      return { key: `user:${identity.login.toLowerCase()}`, limit: 5000 };
    case "installation":
      return { key: `installation:${identity.installationId}`, limit: 5000 };
    case "actions":
      return { key: `actions:${identity.repoId}`, limit: 1000 };
    case "app":
      return { key: `app:${identity.appId}`, limit: 5000 };
    case "anonymous":
      return { key: "anonymous", limit: 60 };
  }
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  /** `enforce` false counts requests but never refuses one (benchmarks that measure past the limit). */
  constructor(
    private readonly clock: () => number,
    private readonly enforce = true,
  ) {}

  #bucket(identity: Identity): Bucket {
    const { key, limit } = bucketOf(identity);
    const now = this.clock();
    let bucket = this.#buckets.get(key);
    if (!bucket || now >= bucket.windowStart + HOUR_MS) {
      bucket = { limit, used: 0, windowStart: now };
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  state(identity: Identity): RateState {
    const bucket = this.#bucket(identity);
    return {
      limit: bucket.limit,
      remaining: Math.max(0, bucket.limit - bucket.used),
      used: bucket.used,
      reset: Math.ceil((bucket.windowStart + HOUR_MS) / 1000),
      resource: "core",
    };
  }

  exhausted(identity: Identity): boolean {
    if (!this.enforce) return false;
    const bucket = this.#bucket(identity);
    return bucket.used >= bucket.limit;
  }

  count(identity: Identity): void {
    this.#bucket(identity).used++;
  }
}

export function rateHeaders(state: RateState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(state.limit),
    "x-ratelimit-remaining": String(state.remaining),
    "x-ratelimit-used": String(state.used),
    "x-ratelimit-reset": String(state.reset),
    "x-ratelimit-resource": state.resource,
  };
}
