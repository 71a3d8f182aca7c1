import type { Incident, PostmortemLink } from "../types.js";
import type { Draft } from "./draft.js";
import { enterState } from "./enterState.js";

/**
 * What a reconcile found beyond the incident's own timeline: its post-mortem pull request (or why it could
 * not be opened) and the follow-up issues opened for it. The projection folds them in like any other fact.
 */
export interface IncidentFindings {
  postmortem?: PostmortemLink;
  /** The post-mortem is due but could not be opened: said as a gap on the board until a reconcile manages. */
  postmortemError?: string;
  followups?: Incident["followups"];
}

/**
 * Folds the findings into the incident: a post-mortem pull request moves it to the post-mortem state (from
 * when the pull request opened, whatever a hand label said earlier) and its opening, closing unmerged and
 * merge become timeline rows.
 */
export function applyFindings(draft: Draft, found: IncidentFindings, now: number): void {
  if (found.followups !== undefined) draft.followups = found.followups;
  if (found.postmortemError !== undefined) draft.postmortemError = found.postmortemError;
  const link = found.postmortem;
  if (link === undefined) return;
  draft.postmortem = link;
  enterState(draft, "postmortem", link.openedAt);
  draft.postmortemAt = link.openedAt;
  const row = { kind: "postmortem" as const, url: link.url };
  draft.timeline.push({
    ...row,
    at: link.openedAt,
    text: `post-mortem opened for review as pull request #${link.number}`,
  });
  if (link.state === "closed")
    draft.timeline.push({
      ...row,
      at: now,
      text: `post-mortem pull request #${link.number} was closed without merging`,
    });
  if (link.state === "merged" && link.mergedAt !== undefined)
    draft.timeline.push({ ...row, at: link.mergedAt, text: `post-mortem merged (#${link.number})` });
}
