import type { HookableOctokit, OctokitLike } from "../github/types.js";

/**
 * Reports the headers of every response (and error) of one installation's client that carry GitHub's
 * x-ratelimit-remaining (the metrics gauge and the quota guard read them).
 */
export function observeRateLimit<T extends OctokitLike>(
  octokit: T,
  report: (remaining: number, headers: Record<string, unknown>) => void,
): T {
  const read = (headers: unknown) => {
    const all = headers as Record<string, unknown> | undefined;
    const value = all?.["x-ratelimit-remaining"];
    if (all && value !== undefined && Number.isFinite(Number(value))) report(Number(value), all);
  };
  (octokit as unknown as HookableOctokit).hook.wrap("request", async (request, options) => {
    try {
      const response = (await request(options)) as { headers?: unknown };
      read(response.headers);
      return response;
    } catch (error) {
      read((error as { response?: { headers?: unknown } }).response?.headers);
      throw error;
    }
  });
  return octokit;
}
