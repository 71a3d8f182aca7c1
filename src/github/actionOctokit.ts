import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type * as core from "@actions/core";
import { throttleOptions } from "./throttleOptions.js";
import type { ThrottleTuning } from "./throttleOptions.js";

export interface ActionOctokitOptions {
  baseUrl: string;
  log: typeof core;
  /** Reads go to GitHub; writes are logged and answered locally. */
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
