import type { ThrottleTuning } from "../github/throttleOptions.js";

/**
 * Settings that exist only for Expedite's own tests and benchmarks, which run the bundled Action as a
 * child process against the GitHub simulator with a fake clock. A workflow never sets them; they are
 * read here and nowhere else, and listed in CONTRIBUTING.md ("Environment variables the tests use").
 *
 * - `EXPEDITE_NOW`: an ISO time used instead of the runner's clock.
 * - `EXPEDITE_WRITE_SPACING_MS`: spacing of content-creating requests (the throttling plugin's default,
 *   about a second, otherwise).
 * - `EXPEDITE_SECONDARY_RETRY_AFTER`: seconds to wait on a secondary rate limit without retry-after (60).
 */
export interface TestOverrides {
  now?: number;
  tuning: ThrottleTuning;
}

export function testOverrides(env: NodeJS.ProcessEnv = process.env): TestOverrides {
  const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const now = env.EXPEDITE_NOW ? Date.parse(env.EXPEDITE_NOW) : undefined;
  const writeSpacingMs = number("EXPEDITE_WRITE_SPACING_MS");
  const fallbackRetryAfterSeconds = number("EXPEDITE_SECONDARY_RETRY_AFTER");
  return {
    ...(now !== undefined && !Number.isNaN(now) ? { now } : {}),
    tuning: {
      ...(writeSpacingMs !== undefined ? { writeSpacingMs } : {}),
      ...(fallbackRetryAfterSeconds !== undefined ? { fallbackRetryAfterSeconds } : {}),
    },
  };
}
