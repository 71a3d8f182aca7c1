// Custom deployment protection rules: a workflow job targeting an environment waits until the App that
// owns the environment's rule answers through the callback URL it was sent in
// deployment_protection_rule.requested. A review without a state only adds a comment; the job keeps waiting.
import { HttpError } from "../http/httpError.js";
import { repoApiUrl } from "../render/urls.js";
import { webhookUser } from "../render/user.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { DeploymentRunRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";

export interface DeploymentRequest {
  appId: number;
  environment: string;
  /** Branch name (what GitHub puts in `deployment.ref` for a workflow run on a branch), tag or SHA. */
  ref: string;
  sha: string;
  event: string;
  actor: string;
}

export function requestDeployment(
  world: World,
  repo: RepoRecord,
  input: DeploymentRequest,
): DeploymentRunRecord {
  const run: DeploymentRunRecord = {
    runId: world.ids.next("workflowRun"),
    deploymentId: world.ids.next("deployment"),
    repoId: repo.id,
    appId: input.appId,
    environment: input.environment,
    ref: input.ref,
    sha: input.sha,
    event: input.event,
    creator: input.actor,
    createdAt: world.now(),
    state: "waiting",
    reviews: [],
  };
  world.deploymentRuns.set(run.runId, run);
  emitProtectionRuleRequest(world, repo, run);
  return run;
}

/** What GitHub sends the rule's App; also used to send the same request again (a redelivery). */
export function emitProtectionRuleRequest(world: World, repo: RepoRecord, run: DeploymentRunRecord): void {
  const deploymentUrl = repoApiUrl(world, repo, `/deployments/${run.deploymentId}`);
  emitEvent(world, repo, "deployment_protection_rule", "requested", run.creator, {
    environment: run.environment,
    event: run.event,
    deployment_callback_url: repoApiUrl(world, repo, `/actions/runs/${run.runId}/deployment_protection_rule`),
    deployment: {
      url: deploymentUrl,
      id: run.deploymentId,
      node_id: nodeId("Deployment", run.deploymentId),
      sha: run.sha,
      ref: run.ref,
      task: "deploy",
      payload: {},
      original_environment: run.environment,
      environment: run.environment,
      description: null,
      creator: webhookUser(world, world.requireUser(run.creator)),
      created_at: isoTime(run.createdAt),
      updated_at: isoTime(run.createdAt),
      statuses_url: `${deploymentUrl}/statuses`,
      repository_url: repoApiUrl(world, repo),
    },
    pull_requests: [],
  });
}

export function reviewProtectionRule(
  world: World,
  repo: RepoRecord,
  runId: number,
  reviewer: { login: string; appId: number },
  body: { environment_name: string; state?: "approved" | "rejected"; comment?: string },
): void {
  const run = world.deploymentRuns.get(runId);
  if (!run || run.repoId !== repo.id) throw new HttpError(404, "Not Found");
  // Only the App that owns the environment's rule may answer it.
  if (reviewer.appId !== run.appId) throw new HttpError(403, "Resource not accessible by integration");
  if (body.environment_name !== run.environment)
    throw new HttpError(
      422,
      `No pending deployment protection rule for environment ${body.environment_name}`,
    );
  if (run.state !== "waiting")
    throw new HttpError(422, "The deployment protection rule was already reviewed");
  run.reviews.push({
    ...(body.state ? { state: body.state } : {}),
    ...(body.comment !== undefined ? { comment: body.comment } : {}),
    by: reviewer.login,
    at: world.now(),
  });
  if (body.state) run.state = body.state;
}
