import { ProbotOctokit } from "probot";

export interface ThrottleTuning {
  /** Seconds to wait on a secondary rate limit that came without retry-after (GitHub's advice: 60). */
  fallbackRetryAfterSeconds?: number;
  /** How many times a rate-limited request is retried before it fails. */
  maxRetries?: number;
}

/**
 * ProbotOctokit with retries on both primary and secondary rate limits (Probot's default gives up on
 * secondary ones, which would drop a board update mid-incident), throttled per installation.
 */
export function expediteOctokit(tuning: ThrottleTuning = {}): typeof ProbotOctokit {
  const maxRetries = tuning.maxRetries ?? 3;
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => {
    const auth = instanceOptions.auth as { installationId?: number } | undefined;
    const throttle = (instanceOptions.throttle ?? {}) as Record<string, unknown>;
    return {
      ...instanceOptions,
      throttle: {
        ...throttle,
        enabled: true,
        id: `expedite-installation-${auth?.installationId ?? "app"}`,
        fallbackSecondaryRateRetryAfter: tuning.fallbackRetryAfterSeconds ?? 60,
        onRateLimit: (
          retryAfter: number,
          options: { method: string; url: string; request: { retryCount: number } },
          octokit: { log: { warn: (m: string) => void } },
        ) => {
          octokit.log.warn(
            `rate limit exhausted on ${options.method} ${options.url}; retrying in ${retryAfter}s`,
          );
          return options.request.retryCount < maxRetries;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string; request: { retryCount: number } },
          octokit: { log: { warn: (m: string) => void } },
        ) => {
          octokit.log.warn(
            `secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`,
          );
          return options.request.retryCount < maxRetries;
        },
      },
    };
  }) as typeof ProbotOctokit;
}
