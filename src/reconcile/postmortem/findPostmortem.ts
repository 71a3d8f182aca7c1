import type { Config } from "../../core/config/schema.js";
import type { Incident } from "../../core/types.js";
import type { Templates } from "../../core/render/templates.js";
import type { IncidentFindings } from "../../core/projection/incidentFindings.js";
import { postmortemDue } from "../../core/postmortem/needsPostmortem.js";
import type { GitHubContext } from "../../github/types.js";
import { ensurePostmortem } from "./ensurePostmortem.js";
import { ensureFollowups } from "./ensureFollowups.js";
import { explainPostmortemFailure } from "./explainPostmortemFailure.js";
import { ensureDeviationFollowups } from "./ensureDeviationFollowups.js";

/**
 * What an incident has beyond its own issue, made where it is due: once resolved at a severity that needs
 * one, the post-mortem pull request, and once that merged, the follow-ups of its action items; once closed
 * without one, the follow-ups of its shortcuts. Returns the findings for the projection and the writes made.
 */
export async function findPostmortem(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  incident: Incident,
  now: number,
): Promise<{ findings?: IncidentFindings; writes: number }> {
  if (postmortemDue(incident, config)) {
    let opened;
    try {
      opened = await ensurePostmortem(gh, config, templates, incident, now);
    } catch (error) {
      // The board, labels and clocks must keep working even when the post-mortem cannot be opened (a token
      // without pull-request rights, a protected branch): the board says so and the next reconcile retries.
      gh.log.error({ err: error, issue: incident.number }, "could not open the post-mortem pull request");
      return { findings: { postmortemError: explainPostmortemFailure(error) }, writes: 0 };
    }
    const { link, writes } = opened;
    if (link.state !== "merged") return { findings: { postmortem: link }, writes };
    try {
      const followups = await ensureFollowups(gh, config, templates, incident, link);
      return {
        findings: { postmortem: link, followups: followups.followups },
        writes: writes + followups.writes,
      };
    } catch (error) {
      gh.log.error(
        { err: error, issue: incident.number },
        "could not open the post-mortem's follow-up issues",
      );
      return { findings: { postmortem: link, postmortemError: explainPostmortemFailure(error) }, writes };
    }
  }
  try {
    const { followups, writes } = await ensureDeviationFollowups(gh, config, templates, incident);
    return followups === undefined ? { writes } : { findings: { followups }, writes };
  } catch (error) {
    // Likewise: a follow-up that cannot be opened now is opened by a later reconcile.
    gh.log.error(
      { err: error, issue: incident.number },
      "could not open the follow-up issues for its shortcuts",
    );
    return { writes: 0 };
  }
}
