import type { Config } from "../../core/config/schema.js";
import type { Incident } from "../../core/types.js";
import type { Templates } from "../../core/render/templates.js";
import { needsPostmortem } from "../../core/postmortem/needsPostmortem.js";
import type { GitHubContext } from "../../github/types.js";
import { ensurePostmortem } from "./ensurePostmortem.js";
import { ensureFollowups } from "./ensureFollowups.js";
import { recordPostmortem } from "../../core/postmortem/recordPostmortem.js";

/**
 * The post-mortem part of an incident reconcile: once resolved (at a severity that needs one), the PR
 * exists and the incident is in the post-mortem state; once merged, the follow-ups exist too.
 * Records the PR on the projected incident (recordPostmortem) so the board and labels show it. Returns the writes made.
 */
export async function applyPostmortem(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  incident: Incident,
  now: number,
): Promise<number> {
  if (incident.state !== "resolved" && incident.state !== "postmortem") return 0;
  if (!needsPostmortem(incident, config)) return 0;
  const { link, writes } = await ensurePostmortem(gh, config, templates, incident, now);
  recordPostmortem(incident, link, now);
  if (link.state !== "merged") return writes;
  const followups = await ensureFollowups(gh, config, templates, incident);
  incident.followups = followups.followups;
  return writes + followups.writes;
}
