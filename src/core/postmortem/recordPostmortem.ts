import type { Incident, PostmortemLink } from "../types.js";

/**
 * Shows the post-mortem pull request on the projected incident: the post-mortem state, when it opened,
 * and timeline rows for its opening, a close without merging, and its merge.
 */
export function recordPostmortem(incident: Incident, link: PostmortemLink, now: number): void {
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
  if (link.state === "merged" && link.mergedAt !== undefined) {
    incident.timeline.push({
      at: link.mergedAt,
      kind: "postmortem",
      text: `post-mortem merged (#${link.number})`,
      url: link.url,
    });
  }
}
