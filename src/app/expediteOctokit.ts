import { ProbotOctokit } from "probot";
import { throttleOptions } from "../github/throttleOptions.js";
import type { ThrottleTuning } from "../github/throttleOptions.js";

export type { ThrottleTuning } from "../github/throttleOptions.js";

/** ProbotOctokit with the shared retry and rate-limit settings, throttled per installation. */
export function expediteOctokit(tuning: ThrottleTuning = {}): typeof ProbotOctokit {
  const shared = throttleOptions(tuning, (message, octokit) =>
    (octokit as { log: { warn: (m: string) => void } }).log.warn(message),
  );
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => {
    const auth = instanceOptions.auth as { installationId?: number } | undefined;
    const throttle = (instanceOptions.throttle ?? {}) as Record<string, unknown>;
    return {
      ...instanceOptions,
      throttle: {
        ...throttle,
        ...shared,
        enabled: true,
        id: `expedite-installation-${auth?.installationId ?? "app"}`,
      },
    };
  });
}
