import type { Config } from "../../core/config/schema.js";
import type { Settings } from "../../core/config/settings.js";
import { callbackRunId } from "../../github/reviewDeployment.js";
import type { GitHubContext } from "../../github/types.js";
import { freezeInputs } from "../freeze/freezeInputs.js";
import type { Target } from "../targetsOf.js";
import { readHold } from "./holdIssues.js";
import { protectDeployment } from "./protectDeployment.js";
import { reconcileHold } from "./reconcileHold.js";

type Outcome = { target: Target; writes: number; note?: string };

/** A deployment_protection_rule request: answered through the callback the payload names. */
export async function runDeployTarget(
  gh: GitHubContext,
  settings: Settings,
  target: Extract<Target, { kind: "deployment" }>,
  now: number,
): Promise<Outcome> {
  // Only this repository's review endpoint: the URL comes from the payload, the call goes through the gateway.
  const runId = callbackRunId(gh, target.callbackUrl);
  if (runId === undefined) {
    gh.log.warn(
      { url: target.callbackUrl },
      "deployment callback URL is not this repository's review endpoint",
    );
    return { target, writes: 0, note: "unrecognised callback URL" };
  }
  const result = await protectDeployment(gh, settings, { ...target, runId }, now);
  return { target, writes: result.writes, note: result.decision };
}

/** Whether an issue event concerns a hold issue (by its label; the reconcile checks the author). */
export function isHoldIssue(target: Extract<Target, { kind: "issue" }>, config: Config): boolean {
  const label = config.labels.deploy_hold.toLowerCase();
  return target.issue?.labels.some((l) => l.toLowerCase() === label) ?? false;
}

/**
 * A comment or change on a hold issue: answer exception requests, release what they let through.
 * undefined when the issue is not one of the bot's hold issues.
 */
export async function runHoldTarget(
  gh: GitHubContext,
  settings: Settings,
  target: Extract<Target, { kind: "issue" }>,
  now: number,
): Promise<Outcome | undefined> {
  const { config } = settings;
  const hold = await readHold(gh, target.number);
  if (!hold) return undefined;
  const result = await reconcileHold(gh, settings, await freezeInputs(gh, config), hold, now);
  return { target, writes: result.writes, note: `${result.approved} deployment(s) approved` };
}
