import type { Config } from "../config/schema.js";
import type { DeployVerdict } from "./types.js";
import { codeSpan } from "../text/codeSpan.js";
import { renderMarker } from "../markers.js";
import { formatTime } from "../time/formatTime.js";

/** The hold issue's record of one workflow run: what it waits for, or how it was answered and when. */
export function runComment(
  config: Config,
  run: { runId: number; environment: string },
  state: "waiting" | "approved" | "rejected",
  verdict: DeployVerdict,
  now: number,
): string {
  const at = formatTime(now, config.business_hours.timezone);
  const where = `to ${codeSpan(run.environment)} (workflow run ${run.runId})`;
  const head =
    state === "waiting"
      ? `⏸️ Deployment ${where} is waiting for the freeze to end (since ${at}).`
      : state === "rejected"
        ? `⛔ Deployment ${where} was rejected at ${at}: ${verdict.headline}. Re-run it once an exception is granted or the freeze ends.`
        : `✅ Deployment ${where} was approved at ${at}: ${verdict.grant ? verdict.headline : "no freeze holds it any more"}.`;
  return [
    renderMarker("deploy-run", { run: run.runId, env: run.environment, state }),
    head,
    "",
    verdict.details,
  ].join("\n");
}

/** What GitHub shows on the deployment: short, with the hold issue for the rest. */
export function reviewComment(verdict: DeployVerdict, holdUrl?: string): string {
  if (verdict.decision === "approve") return `Expedite: ${verdict.headline}.`;
  return `Expedite: ${verdict.headline}.${holdUrl ? ` To deploy anyway, an approver comments /freeze-exception <reason> on ${holdUrl} (this commit only).` : ""}`;
}
