import * as core from "@actions/core";
import type { Config } from "../core/config/schema.js";
import { deployBranch } from "../core/deploys/deployBranch.js";
import { deployVerdict } from "../core/deploys/deployVerdict.js";
import { isGatedEnvironment } from "../core/deploys/isGatedEnvironment.js";
import type { DeployVerdict } from "../core/deploys/types.js";
import { activeFreezes } from "../core/freeze/activeFreezes.js";
import type { GitHubContext } from "../github/types.js";
import { ensureHold } from "../reconcile/deploys/holdIssues.js";
import { deliverHoldGrants, readHoldThread } from "../reconcile/deploys/holdThread.js";
import type { Templates } from "../core/render/templates.js";
import { freezeInputs } from "../reconcile/freeze/freezeInputs.js";
import { approverHandles } from "../core/freeze/approverHandles.js";

/**
 * `gate: deploy`: a step in a deploy job that fails while a freeze holds the deployed commit back and
 * passes otherwise, with the reason in the job summary. A failing run opens (or reuses) the commit's hold
 * issue, where an approver's `/freeze-exception` lets that commit through on the job's next run.
 */
export async function deployGate(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  deploy: { ref: string; sha: string; environment?: string },
  now: number,
): Promise<DeployVerdict | "not-gated"> {
  if (deploy.environment && !isGatedEnvironment(deploy.environment, config)) {
    await core.summary
      .addHeading("Expedite deploy gate: passed", 2)
      .addRaw(
        `\`${deploy.environment}\` is not a gated environment (\`deploys.environments\`), so freezes do not hold it.`,
        true,
      )
      .write();
    core.setOutput("decision", "approved");
    return "not-gated";
  }
  const inputs = await freezeInputs(gh, config);
  const branch = deployBranch(deploy.ref, inputs.defaultBranch);
  const base = {
    now,
    config,
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
  };
  let verdict = deployVerdict({ ...base, branch, sha: deploy.sha, grants: [], approvers: [] });
  if (activeFreezes({ ...base, base: branch }).length > 0) {
    const hold = await ensureHold(gh, config, deploy.sha, branch, inputs.htmlUrl);
    const thread = await readHoldThread(gh, config, inputs, hold, now);
    verdict = deployVerdict({
      ...base,
      branch,
      sha: deploy.sha,
      grants: thread.grants,
      voided: thread.voided,
      approvers: approverHandles(config, now),
      holdIssue: hold,
    });
    // A grant on the hold issue is told to the deployments channel once (this run may be the first to see it).
    await deliverHoldGrants(gh, config, templates, inputs, hold, thread, now);
    if (verdict.decision === "hold") {
      await core.summary
        .addHeading("Expedite deploy gate: held by a code freeze", 2)
        .addRaw(verdict.details, true)
        .addRaw(`\nRe-run this job once the freeze ends or an exception is granted on ${hold.url}.`, true)
        .write();
      core.setOutput("decision", "held");
      core.setFailed(
        `Deploy held: ${verdict.headline}. An approver can comment /freeze-exception <reason> on ${hold.url}; then re-run this job.`,
      );
      return verdict;
    }
  }
  await core.summary.addHeading(`Expedite deploy gate: passed`, 2).addRaw(verdict.details, true).write();
  core.setOutput("decision", "approved");
  core.info(`Deploy allowed: ${verdict.headline}.`);
  return verdict;
}
