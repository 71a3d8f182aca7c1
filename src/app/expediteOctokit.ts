import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";
import { throttleOptions } from "../github/throttleOptions.js";
import type { ThrottleTuning } from "../github/throttleOptions.js";

export type { ThrottleTuning } from "../github/throttleOptions.js";

/**
 * The throttling plugin's own groups (concurrency per installation, App-token requests, search), clustered
 * on Redis: the plugin would otherwise make process-local ones, and a replica's limit would not hold for
 * the others. Same sizes as the plugin's.
 */
function clusteredGroups(connection: Bottleneck.IORedisConnection) {
  return {
    Bottleneck,
    connection,
    global: new Bottleneck.Group({ id: "expedite-global", maxConcurrent: 10, connection }),
    auth: new Bottleneck.Group({ id: "expedite-auth", maxConcurrent: 1, connection }),
    search: new Bottleneck.Group({ id: "expedite-search", maxConcurrent: 1, minTime: 2_000, connection }),
  };
}

/**
 * ProbotOctokit with the shared retry and rate-limit settings, throttled per installation. With a Redis
 * `connection` (Bottleneck's clustering, as Probot does with REDIS_URL) the pacing and concurrency of an
 * installation hold across every replica.
 */
export function expediteOctokit(
  tuning: ThrottleTuning = {},
  cluster?: { connection: Bottleneck.IORedisConnection; prefix: string },
): typeof ProbotOctokit {
  const connection = cluster?.connection;
  const shared = {
    ...throttleOptions(
      tuning,
      (message, octokit) => (octokit as { log: { warn: (m: string) => void } }).log.warn(message),
      connection,
    ),
    ...(connection ? clusteredGroups(connection) : {}),
  };
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => {
    const auth = instanceOptions.auth as { installationId?: number } | undefined;
    const throttle = (instanceOptions.throttle ?? {}) as Record<string, unknown>;
    return {
      ...instanceOptions,
      throttle: {
        ...throttle,
        ...shared,
        enabled: true,
        // The limiters' key: with Redis, every replica's limiter of one installation is the same one.
        id: `${cluster?.prefix ?? "expedite"}-installation-${auth?.installationId ?? "app"}`,
      },
    };
  });
}
