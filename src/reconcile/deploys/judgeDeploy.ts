import type { Config } from "../../core/config/schema.js";
import { deployBranch } from "../../core/deploys/deployBranch.js";
import { deployVerdict } from "../../core/deploys/deployVerdict.js";
import type { DeployVerdict } from "../../core/deploys/types.js";
import { activeFreezes } from "../../core/freeze/activeFreezes.js";
import type { GitHubContext } from "../../github/types.js";
import { freezeInputs } from "../freeze/freezeInputs.js";
import type { FreezeInputs } from "../freeze/freezeInputs.js";
import { approverHandles } from "../../core/freeze/approverHandles.js";
import { ensureHold } from "./holdIssues.js";
import type { HoldIssue } from "./holdIssues.js";
import { readHoldThread } from "./holdThread.js";
import type { HoldThread } from "./holdThread.js";

export interface DeployJudgement {
  inputs: FreezeInputs;
  /** The branch the deployed ref stands for (the default branch for a tag or a SHA). */
  branch: string;
  verdict: DeployVerdict;
  /** While a freeze applies: the commit's hold issue (opened if need be) and what was said on it. */
  held?: { hold: HoldIssue; thread: HoldThread };
}

/**
 * The verdict on deploying one commit, for the App's protection rule and the Action's deploy gate alike:
 * with no freeze on its branch it passes and no hold issue is needed; otherwise the commit's hold issue is
 * where exceptions are asked for and granted, so it is opened (or found) and read.
 */
export async function judgeDeploy(
  gh: GitHubContext,
  config: Config,
  deploy: { ref: string; sha: string },
  now: number,
): Promise<DeployJudgement> {
  const inputs = await freezeInputs(gh, config);
  const branch = deployBranch(deploy.ref, inputs.defaultBranch);
  const base = {
    now,
    config,
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
  };
  if (activeFreezes({ ...base, base: branch }).length === 0) {
    const verdict = deployVerdict({ ...base, branch, sha: deploy.sha, grants: [], approvers: [] });
    return { inputs, branch, verdict };
  }
  const hold = await ensureHold(gh, config, deploy.sha, branch, inputs.htmlUrl);
  const thread = await readHoldThread(gh, config, inputs, hold, now);
  const verdict = deployVerdict({
    ...base,
    branch,
    sha: deploy.sha,
    grants: thread.grants,
    voided: thread.voided,
    approvers: approverHandles(config, now),
    holdIssue: hold,
  });
  return { inputs, branch, verdict, held: { hold, thread } };
}
