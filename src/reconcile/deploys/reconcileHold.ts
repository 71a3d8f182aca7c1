import type { Config } from "../../core/config/schema.js";
import type { Settings } from "../../core/config/settings.js";
import { deployVerdict } from "../../core/deploys/deployVerdict.js";
import { closeIssue } from "../../github/issues.js";
import { reviewDeployment } from "../../github/reviewDeployment.js";
import type { GitHubContext } from "../../github/types.js";
import { updateComment } from "../../github/writeComments.js";
import type { FreezeInputs } from "../freeze/freezeInputs.js";
import { approverHandles } from "../../core/freeze/approverHandles.js";
import type { HoldIssue } from "./holdIssues.js";
import { deliverHoldGrants, readHoldThread } from "./holdThread.js";
import type { HoldThread } from "./holdThread.js";
import { reviewComment, runComment } from "../../core/deploys/runComment.js";

/**
 * Re-evaluates the deployments waiting on one hold issue: new exception requests are answered, and once
 * the freeze has ended (or an approver granted this commit) every waiting run is approved and the issue
 * closes. While the freeze lasts, nothing is written.
 */
export async function reconcileHold(
  gh: GitHubContext,
  settings: Settings,
  inputs: FreezeInputs,
  hold: HoldIssue,
  now: number,
): Promise<{ writes: number; approved: number }> {
  const { config } = settings;
  const thread = await readHoldThread(gh, config, inputs, hold, now);
  const answered = await releaseRuns(gh, config, inputs, hold, thread, now);
  // The waiting runs are released first: a slow channel never holds them up.
  const told = await deliverHoldGrants(gh, settings, inputs, hold, thread, now);
  return { writes: thread.writes + answered.writes + told, approved: answered.approved };
}

/** Once the freeze has ended (or an approver granted this commit), approves every waiting run and closes the issue. */
async function releaseRuns(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  hold: HoldIssue,
  thread: HoldThread,
  now: number,
): Promise<{ writes: number; approved: number }> {
  let writes = 0;
  const verdict = deployVerdict({
    now,
    config,
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
    branch: hold.branch,
    sha: hold.sha,
    grants: thread.grants,
    voided: thread.voided,
    approvers: approverHandles(config, now),
    holdIssue: hold,
  });
  if (verdict.decision !== "approve") return { writes, approved: 0 };
  let approved = 0;
  for (const run of thread.runs.filter((r) => r.state === "waiting")) {
    await reviewDeployment(gh, run.runId, {
      environment: run.environment,
      state: "approved",
      comment: reviewComment(verdict),
    });
    await updateComment(gh, run.commentId, runComment(config, run, "approved", verdict, now));
    approved++;
    writes += 2;
  }
  if (hold.open) {
    await closeIssue(gh, hold.number, "completed");
    writes++;
  }
  return { writes, approved };
}
