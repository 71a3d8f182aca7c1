import type { Config } from "../../core/config/schema.js";
import type { Incident } from "../../core/types.js";
import type { Templates } from "../../core/render/templates.js";
import { needsPostmortem } from "../../core/postmortem/needsPostmortem.js";
import type { GitHubContext } from "../../github/types.js";
import { ensurePostmortem } from "./ensurePostmortem.js";
import { ensureFollowups } from "./ensureFollowups.js";

/**
 * The post-mortem part of an incident reconcile: once resolved (at a severity that needs one), the PR
 * exists and the incident is in the post-mortem state; once merged, the follow-ups exist too.
 * Mutates the projected incident so the board and labels show it. Returns the writes made.
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
  incident.postmortem = link;
  incident.state = "postmortem";
  incident.postmortemAt = link.openedAt;
  incident.timeline.push({
    at: link.openedAt,
    kind: "postmortem",
    text: `post-mortem opened for review as pull request #${link.number}`,
    url: link.url,
  });
  if (link.state === "closed") {
    incident.timeline.push({
      at: now,
      kind: "postmortem",
      text: `post-mortem pull request #${link.number} was closed without merging`,
      url: link.url,
    });
  }
  if (link.state !== "merged") return writes;
  if (link.mergedAt !== undefined) {
    incident.timeline.push({
      at: link.mergedAt,
      kind: "postmortem",
      text: `post-mortem merged (#${link.number})`,
      url: link.url,
    });
  }
  const followups = await ensureFollowups(gh, config, templates, incident);
  incident.followups = followups.followups;
  return writes + followups.writes;
}
