import type { Settings } from "../../core/config/settings.js";
import type { GitHubContext } from "../../github/types.js";
import { listOpenPulls, toPullSummary } from "../../github/pulls.js";
import type { FreezeInputs } from "./freezeInputs.js";
import { reconcilePull } from "./reconcilePull.js";
import { inLane } from "../inLane.js";

/** Re-evaluates the freeze check of every open pull request; writes only the checks whose verdict changed. */
export async function sweepPulls(
  gh: GitHubContext,
  settings: Settings,
  inputs: FreezeInputs,
  now: number,
): Promise<{ pulls: number; writes: number; failures: string[] }> {
  const { config, templates } = settings;
  const pulls = await listOpenPulls(gh);
  let writes = 0;
  const failures: string[] = [];
  for (const raw of pulls) {
    try {
      const pull = toPullSummary(raw);
      writes += (await inLane(gh, raw.number, () => reconcilePull(gh, config, templates, inputs, pull, now)))
        .writes;
    } catch (error) {
      gh.log.error({ err: error, pull: raw.number }, "freeze check failed; the next sweep retries");
      failures.push(`#${raw.number}: ${(error as Error).message}`);
    }
  }
  return { pulls: pulls.length, writes, failures };
}
