import type { LinkedPullRequest } from "../types.js";
import type { TimelineEvent } from "../snapshot.js";

const REVERT = /^revert\b|\brevert[s]?\s+"|^revert-/i;

/** Pull requests that mention the incident, once each, with their state as last read. */
export function linkedPullRequests(events: readonly TimelineEvent[]): LinkedPullRequest[] {
  const byNumber = new Map<number, LinkedPullRequest>();
  for (const event of events) {
    if (event.type !== "cross-referenced" || !event.source.isPullRequest) continue;
    const source = event.source;
    if (byNumber.has(source.number)) continue;
    byNumber.set(source.number, {
      number: source.number,
      title: source.title,
      url: source.url,
      state: source.merged ? "merged" : source.state,
      at: event.at,
      ...(source.mergedAt !== undefined ? { mergedAt: source.mergedAt } : {}),
      revert: REVERT.test(source.title) || REVERT.test(source.headRef ?? ""),
    });
  }
  return [...byNumber.values()];
}
