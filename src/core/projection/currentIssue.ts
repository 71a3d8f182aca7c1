import type { IssueSnapshot, TimelineEvent } from "../snapshot.js";

/**
 * The issue's labels, assignees and open/closed state replayed from its timeline (which records every
 * change, including labels given at creation), on top of an event's possibly older view of the issue.
 * Saves reading the issue again on every event; the timeline is read anyway.
 */
export function currentIssue(hint: IssueSnapshot, events: readonly TimelineEvent[]): IssueSnapshot {
  const labels = new Map<string, string>();
  const assignees = new Map<string, string>();
  let state = hint.state;
  let closedAt = hint.closedAt;
  for (const event of [...events].sort((a, b) => a.at - b.at || a.seq - b.seq)) {
    switch (event.type) {
      case "labeled":
        labels.set(event.label.toLowerCase(), event.label);
        break;
      case "unlabeled":
        labels.delete(event.label.toLowerCase());
        break;
      case "assigned":
        assignees.set(event.assignee.toLowerCase(), event.assignee);
        break;
      case "unassigned":
        assignees.delete(event.assignee.toLowerCase());
        break;
      case "closed":
        state = "closed";
        closedAt = event.at;
        break;
      case "reopened":
        state = "open";
        closedAt = undefined;
        break;
      default:
        break;
    }
  }
  const { closedAt: _previous, ...rest } = hint;
  return {
    ...rest,
    labels: [...labels.values()],
    assignees: [...assignees.values()],
    state,
    ...(state === "closed" && closedAt !== undefined ? { closedAt } : {}),
  };
}
