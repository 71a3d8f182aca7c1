import type { Config } from "../../core/config/schema.js";
import { deviationsDue, renderDeviationFollowup } from "../../core/postmortem/deviationFollowup.js";
import type { Templates } from "../../core/render/templates.js";
import type { Incident } from "../../core/types.js";
import { openFollowups } from "./openFollowups.js";
import type { GitHubContext } from "../../github/types.js";

/**
 * Every shortcut becomes tracked debt (playbook 001), at every severity: when an incident without a
 * post-mortem closes, each `/deviation` opens one `incident-followup` issue, found again by its marker on
 * every later reconcile so none is opened twice. Returns them all, for the board.
 */
export async function ensureDeviationFollowups(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  incident: Incident,
): Promise<{ followups?: Incident["followups"]; writes: number }> {
  if (!deviationsDue(incident, config)) return { writes: 0 };
  const wanted = incident.deviations.map((deviation) =>
    renderDeviationFollowup(templates["followup-deviation"], deviation, incident),
  );
  return openFollowups(gh, config, incident.number, wanted);
}
