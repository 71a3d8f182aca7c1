import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type * as core from "@actions/core";
import { throttleOptions } from "./throttleOptions.js";
import type { ThrottleTuning } from "./throttleOptions.js";

export interface ActionOctokitOptions {
  baseUrl: string;
  log: typeof core;
  /**
   * Reads go to GitHub; writes are stopped, logged and answered locally. The reconcilers that plan first
   * do not even send them (they print their plan); this catches every other write.
   */
  dryRun: boolean;
  tuning?: ThrottleTuning;
}

/** The Action's client: the runner's token, GitHub's API URL, retries and rate-limit back-off. */
export function actionOctokit(token: string, options: ActionOctokitOptions) {
  const { baseUrl, log, dryRun } = options;
  const octokit = getOctokit(
    token,
    { baseUrl, throttle: throttleOptions(options.tuning ?? {}, (message) => log.warning(message)) },
    retry,
    throttling,
  );
  if (dryRun) {
    // Dry run: reads go to GitHub; a write that gets this far is stopped and answered locally.
    octokit.hook.wrap("request", async (request, options) => {
      if (options.method === "GET" || options.method === "HEAD") return request(options);
      log.info(`[dry-run] stopped ${options.method} ${options.url}: a dry run writes nothing`);
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
