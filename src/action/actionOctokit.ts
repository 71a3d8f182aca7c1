import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type * as core from "@actions/core";
import { writeGroups } from "../github/writeGroups.js";

/** The Action's client: the runner's token, GitHub's API URL, retries and rate-limit back-off. */
export function actionOctokit(token: string, baseUrl: string, log: typeof core, dryRun: boolean) {
  const octokit = getOctokit(
    token,
    {
      baseUrl,
      throttle: {
        ...writeGroups(
          process.env.EXPEDITE_WRITE_SPACING_MS ? Number(process.env.EXPEDITE_WRITE_SPACING_MS) : undefined,
        ),
        fallbackSecondaryRateRetryAfter: Number(process.env.EXPEDITE_SECONDARY_RETRY_AFTER ?? 60),
        onRateLimit: (retryAfter: number, options: { method: string; url: string; request: object }) => {
          log.warning(
            `Rate limit exhausted on ${options.method} ${options.url}; retrying in ${retryAfter}s.`,
          );
          return retries(options.request) < 3;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string; request: object },
        ) => {
          log.warning(
            `Secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s.`,
          );
          return retries(options.request) < 3;
        },
      },
    },
    retry,
    throttling,
  );
  if (dryRun) {
    // Dry run: reads go to GitHub, writes are logged and answered locally so the plan can be inspected.
    octokit.hook.wrap("request", async (request, options) => {
      if (options.method === "GET" || options.method === "HEAD") return request(options);
      log.info(`[dry-run] would ${options.method} ${options.url}`);
      return {
        data: { id: 0, number: 0, body: "" },
        status: 200,
        headers: {},
        url: String(options.url),
      } as never;
    });
  }
  return octokit;
}

function retries(request: object): number {
  return (request as { retryCount?: number }).retryCount ?? 0;
}
