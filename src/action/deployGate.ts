import * as core from "@actions/core";
import type { Settings } from "../core/config/settings.js";
import { isGatedEnvironment } from "../core/deploys/isGatedEnvironment.js";
import type { DeployVerdict } from "../core/deploys/types.js";
import type { GitHubContext } from "../github/types.js";
import { deliverHoldGrants } from "../reconcile/deploys/holdThread.js";
import { judgeDeploy } from "../reconcile/deploys/judgeDeploy.js";
import { codeSpan } from "../core/text/codeSpan.js";

/**
 * `gate: deploy`: a step in a deploy job that fails while a freeze holds the deployed commit back and
 * passes otherwise, with the reason in the job summary. A failing run opens (or reuses) the commit's hold
 * issue, where an approver's `/freeze-exception` lets that commit through on the job's next run.
 */
export async function deployGate(
  gh: GitHubContext,
  settings: Settings,
  deploy: { ref: string; sha: string; environment?: string },
  now: number,
): Promise<DeployVerdict | "not-gated"> {
  const { config } = settings;
  if (deploy.environment && !isGatedEnvironment(deploy.environment, config)) {
    await core.summary
      .addHeading("Expedite deploy gate: passed", 2)
      .addRaw(
        `${codeSpan(deploy.environment)} is not a gated environment (\`deploys.environments\`), so freezes do not hold it.`,
        true,
      )
      .write();
    core.setOutput("decision", "approved");
    return "not-gated";
  }
  const { inputs, verdict, held } = await judgeDeploy(gh, config, deploy, now);
  if (held !== undefined) {
    const { hold, thread } = held;
    // A grant on the hold issue is told to the deployments channel once (this run may be the first to see it).
    await deliverHoldGrants(gh, settings, inputs, hold, thread, now);
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
