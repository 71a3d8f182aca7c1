import type { HookableOctokit, OctokitLike } from "../github/types.js";

/** Reports GitHub's x-ratelimit-remaining after every response (and error) of one installation's client. */
export function observeRateLimit<T extends OctokitLike>(octokit: T, report: (remaining: number) => void): T {
  const read = (headers: unknown) => {
    const value = (headers as Record<string, unknown> | undefined)?.["x-ratelimit-remaining"];
    if (value !== undefined && Number.isFinite(Number(value))) report(Number(value));
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
