import * as core from "@actions/core";
import { ALERT_SOURCES } from "../core/alerts/types.js";
import type { AlertSource } from "../core/alerts/types.js";
import type { GitHubContext } from "../github/types.js";
import { keyedSerializer, receiveAlerts } from "../reconcile/alerts/receiveAlerts.js";
import type { RepoSettings } from "../core/config/settings.js";
import { runTarget } from "../reconcile/runTarget.js";

/** The `event_type` of a repository_dispatch that carries an alert. */
export const ALERT_EVENT_TYPE = "expedite-alert";

/**
 * An alert that arrived as `repository_dispatch` (event_type "expedite-alert"), with `client_payload`
 * `{ source, payload, resource? }`: the same payloads the App's endpoint takes. GitHub has authenticated the
 * sender (a token allowed to dispatch); the incident opens in this repository. Fails the step with the
 * reason when the payload cannot be read or routed, having written nothing.
 */
export async function alertDispatch(
  gh: GitHubContext,
  settings: Extract<RepoSettings, { ok: true }>,
  clientPayload: unknown,
  now: number,
): Promise<void> {
  const envelope = (clientPayload ?? {}) as { source?: unknown; payload?: unknown; resource?: unknown };
  const source = typeof envelope.source === "string" ? envelope.source : "";
  if (!ALERT_SOURCES.includes(source as AlertSource)) {
    core.setFailed(
      `client_payload.source must be one of ${ALERT_SOURCES.join(", ")} (got "${source}"); see docs/alerts.md. Nothing was recorded.`,
    );
    return;
  }
  const here = `${gh.owner}/${gh.repo}`.toLowerCase();
  const receipt = await receiveAlerts({
    source: source as AlertSource,
    body: envelope.payload,
    ...(typeof envelope.resource === "string" ? { resource: envelope.resource } : {}),
    routing: settings.config,
    home: here,
    resolve: async (repository) =>
      repository === here
        ? { ok: true, gh, config: settings.config }
        : { ok: false, reason: "the Action opens incidents only in the repository whose workflow runs it" },
    serialize: keyedSerializer(),
    now,
  });
  if (receipt.status === 400 || receipt.status === 422) {
    core.setFailed(`Alert refused: ${receipt.message}.`);
    return;
  }
  core.info(receipt.message);
  for (const result of receipt.results) {
    core.info(
      `${result.fingerprint} (${result.status}): ${result.action}${result.incident ? ` #${result.incident}` : ""}`,
    );
    // Issues and comments made with GITHUB_TOKEN start no workflow: reconcile the incident in this run.
    if (result.incident !== undefined && result.action !== "unchanged")
      await runTarget(gh, settings, { kind: "issue", number: result.incident }, now);
  }
  core.setOutput("alerts", JSON.stringify(receipt.results));
}
