import type { ThrottlingOptions } from "@octokit/plugin-throttling";
import type Bottleneck from "bottleneck";
import { writeGroups } from "./writeGroups.js";

export interface ThrottleTuning {
  /** Seconds to wait on a secondary rate limit that came without retry-after (GitHub's advice: 60). */
  fallbackRetryAfterSeconds?: number;
  /** How many times a rate-limited request is retried before it fails. */
  maxRetries?: number;
  /**
   * Spacing of content-creating requests. GitHub asks integrators for about a second between writes and
   * more between notifying ones (the throttling plugin's defaults); tests against the simulator use 0.
   */
  writeSpacingMs?: number;
}

type Handler = Extract<ThrottlingOptions, { onRateLimit: unknown }>["onRateLimit"];
type LimitOptions = Parameters<Handler>[1] & { request: { retryCount?: number } };

/**
 * The throttling plugin's settings shared by the App and the Action: write pacing, and retries on both
 * primary and secondary rate limits (the plugin's default gives up on secondary ones, which would drop a
 * board update mid-incident). `warn` receives each back-off and the client that met it. A Redis
 * `connection` clusters the write pacing across processes (see writeGroups).
 */
export function throttleOptions(
  tuning: ThrottleTuning,
  warn: (message: string, octokit: unknown) => void,
  connection?: Bottleneck.IORedisConnection,
): Extract<ThrottlingOptions, { onRateLimit: unknown }> {
  const maxRetries = tuning.maxRetries ?? 3;
  return {
    ...writeGroups(tuning.writeSpacingMs, connection),
    fallbackSecondaryRateRetryAfter: tuning.fallbackRetryAfterSeconds ?? 60,
    onRateLimit: (retryAfter: number, options: LimitOptions, octokit: unknown): boolean => {
      warn(`rate limit exhausted on ${options.method} ${options.url}; retrying in ${retryAfter}s`, octokit);
      return (options.request.retryCount ?? 0) < maxRetries;
    },
    onSecondaryRateLimit: (retryAfter: number, options: LimitOptions, octokit: unknown): boolean => {
      warn(`secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`, octokit);
      return (options.request.retryCount ?? 0) < maxRetries;
    },
  };
}
