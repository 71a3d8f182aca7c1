import { ProbotOctokit } from "probot";
import { writeGroups } from "../github/writeGroups.js";

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

/**
 * ProbotOctokit with retries on both primary and secondary rate limits (Probot's default gives up on
 * secondary ones, which would drop a board update mid-incident), throttled per installation.
 */
export function expediteOctokit(tuning: ThrottleTuning = {}): typeof ProbotOctokit {
  const maxRetries = tuning.maxRetries ?? 3;
  const groups = writeGroups(tuning.writeSpacingMs);
  type LimitOptions = { method: string; url: string; request: { retryCount: number } };
  type Warn = { log: { warn: (m: string) => void } };
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => {
    const auth = instanceOptions.auth as { installationId?: number } | undefined;
    const throttle = (instanceOptions.throttle ?? {}) as Record<string, unknown>;
    return {
      ...instanceOptions,
      throttle: {
        ...throttle,
        ...groups,
        enabled: true,
        id: `expedite-installation-${auth?.installationId ?? "app"}`,
        fallbackSecondaryRateRetryAfter: tuning.fallbackRetryAfterSeconds ?? 60,
        onRateLimit: (retryAfter: number, options: LimitOptions, octokit: Warn) => {
          octokit.log.warn(
            `rate limit exhausted on ${options.method} ${options.url}; retrying in ${retryAfter}s`,
          );
          return options.request.retryCount < maxRetries;
        },
        onSecondaryRateLimit: (retryAfter: number, options: LimitOptions, octokit: Warn) => {
          octokit.log.warn(
            `secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`,
          );
          return options.request.retryCount < maxRetries;
        },
      },
    };
  }) as typeof ProbotOctokit;
}
