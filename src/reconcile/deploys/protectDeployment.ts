import type { Config } from "../../core/config/schema.js";
import { deployBranch } from "../../core/deploys/deployBranch.js";
import { deployVerdict } from "../../core/deploys/deployVerdict.js";
import { isGatedEnvironment } from "../../core/deploys/isGatedEnvironment.js";
import type { DeployVerdict } from "../../core/deploys/types.js";
import { activeFreezes } from "../../core/freeze/activeFreezes.js";
import { codeSpan } from "../../core/text/codeSpan.js";
import { reviewDeployment } from "../../github/reviewDeployment.js";
import type { GitHubContext } from "../../github/types.js";
import { createCommentOnce, updateComment } from "../../github/writeComments.js";
import { listComments } from "../../github/listComments.js";
import { freezeInputs } from "../freeze/freezeInputs.js";
import { approverHandles } from "../../core/freeze/approverHandles.js";
import { ensureHold, findHold } from "./holdIssues.js";
import type { HoldIssue } from "./holdIssues.js";
import { deliverHoldGrants, readHoldThread } from "./holdThread.js";
import type { HoldThread } from "./holdThread.js";
import type { Templates } from "../../core/render/templates.js";
import { reviewComment, runComment } from "./runComment.js";

export interface DeploymentRequest {
  runId: number;
  environment: string;
  ref: string;
  sha: string;
}

/**
 * Expedite as a custom deployment protection rule: approve a deployment no freeze holds back (or one an
 * approver let through), and otherwise keep it waiting on the commit's hold issue (or reject it, when
 * `deploys.when_frozen` says so). A redelivered request finds its run on record and answers nothing twice.
 */
export async function protectDeployment(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  request: DeploymentRequest,
  now: number,
): Promise<{ decision: "approved" | "waiting" | "rejected"; writes: number }> {
  const { runId, environment } = request;
  if (!isGatedEnvironment(environment, config)) {
    await reviewDeployment(gh, runId, {
      environment,
      state: "approved",
      comment: `Expedite: ${codeSpan(environment)} is not a gated environment (deploys.environments), so freezes do not hold it.`,
    });
    return { decision: "approved", writes: 1 };
  }
  const inputs = await freezeInputs(gh, config);
  const branch = deployBranch(request.ref, inputs.defaultBranch);
  const base = {
    now,
    config,
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
  };
  if (activeFreezes({ ...base, base: branch }).length === 0) {
    // Nothing freezes the branch: no hold issue needed, though an earlier one may hold this very run.
    const verdict = deployVerdict({ ...base, branch, sha: request.sha, grants: [], approvers: [] });
    const earlier = await findHold(gh, config, request.sha, branch);
    const writes = earlier?.open ? await settleRecord(gh, config, earlier.number, request, verdict, now) : 0;
    await reviewDeployment(gh, runId, { environment, state: "approved", comment: reviewComment(verdict) });
    return { decision: "approved", writes: writes + 1 };
  }

  const hold = await ensureHold(gh, config, request.sha, branch, inputs.htmlUrl);
  const thread = await readHoldThread(gh, config, inputs, hold, now);
  const verdict = deployVerdict({
    ...base,
    branch,
    sha: request.sha,
    grants: thread.grants,
    voided: thread.voided,
    approvers: approverHandles(config, now),
    holdIssue: hold,
  });
  const answer = await answerHeld(gh, config, request, hold, thread, verdict, now);
  // The deployment is answered first: a slow channel never holds it up.
  const told = await deliverHoldGrants(gh, config, templates, inputs, hold, thread, now);
  return { decision: answer.decision, writes: thread.writes + answer.writes + told };
}

/** Answers a gated deployment while a freeze applies: approved under a grant, else waiting or rejected. */
async function answerHeld(
  gh: GitHubContext,
  config: Config,
  request: DeploymentRequest,
  hold: HoldIssue,
  thread: HoldThread,
  verdict: DeployVerdict,
  now: number,
): Promise<{ decision: "approved" | "waiting" | "rejected"; writes: number }> {
  const { runId, environment } = request;
  const recorded = thread.runs.find((r) => r.runId === runId);
  // Answered before (a redelivery): GitHub waits on us no longer.
  if (recorded && recorded.state !== "waiting") return { decision: recorded.state, writes: 0 };
  if (verdict.decision === "approve") {
    await reviewDeployment(gh, runId, { environment, state: "approved", comment: reviewComment(verdict) });
    const body = runComment(config, request, "approved", verdict, now);
    if (recorded) await updateComment(gh, recorded.commentId, body);
    else await createCommentOnce(gh, hold.number, `deploy-run:${runId}`, body);
    return { decision: "approved", writes: 2 };
  }
  if (recorded) return { decision: "waiting", writes: 0 };
  const state = config.deploys.when_frozen === "reject" ? "rejected" : "waiting";
  // Waiting: a review without a state tells the people watching the run why it waits, and keeps it waiting.
  await reviewDeployment(gh, runId, {
    environment,
    ...(state === "rejected" ? { state } : {}),
    comment: reviewComment(verdict, hold.url),
  });
  await createCommentOnce(
    gh,
    hold.number,
    `deploy-run:${runId}`,
    runComment(config, request, state, verdict, now),
  );
  return { decision: state, writes: 2 };
}

/** Marks an open hold's record of this run answered (the freeze ended before the request was handled). */
async function settleRecord(
  gh: GitHubContext,
  config: Config,
  holdNumber: number,
  request: DeploymentRequest,
  verdict: DeployVerdict,
  now: number,
): Promise<number> {
  const comments = await listComments(gh, holdNumber);
  const mine = comments.find(
    (c) =>
      gh.trustedBots.has(c.author.toLowerCase()) &&
      c.body.startsWith(`<!-- expedite:deploy-run run=${request.runId} `),
  );
  if (!mine) return 0;
  await updateComment(gh, mine.id, runComment(config, request, "approved", verdict, now));
  return 1;
}
