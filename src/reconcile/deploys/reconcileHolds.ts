import type { Settings } from "../../core/config/settings.js";
import type { GitHubContext } from "../../github/types.js";
import type { FreezeInputs } from "../freeze/freezeInputs.js";
import { openHolds } from "./holdIssues.js";
import { reconcileHold } from "./reconcileHold.js";

/**
 * Every open hold issue re-evaluated: run by the sweep and whenever a freeze starts or ends, so a waiting
 * deployment is approved when its freeze ends, whichever way it ends, and after a restart too (the waiting
 * runs are on GitHub, not in memory).
 */
export async function reconcileHolds(
  gh: GitHubContext,
  settings: Settings,
  inputs: FreezeInputs,
  now: number,
): Promise<number> {
  const { config } = settings;
  let writes = 0;
  for (const hold of await openHolds(gh, config)) {
    try {
      writes += (await reconcileHold(gh, settings, inputs, hold, now)).writes;
    } catch (error) {
      gh.log.error(
        { err: error, hold: hold.number },
        "deploy hold re-evaluation failed; the next sweep retries",
      );
    }
  }
  return writes;
}
