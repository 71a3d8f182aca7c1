import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { CLAIM_STALE_MS, MAX_ATTEMPTS } from "./planMessages.js";
import { stakeholderClock } from "./stakeholderClock.js";

/**
 * The next moment after `now` when the incident's outside messages need a reconcile: a failed channel's
 * retry, a PagerDuty claim that turns stale, or the stakeholder notice coming due. Lets the App wake the
 * incident up then instead of waiting for a sweep.
 */
export function nextMessageDeadline(incident: Incident, config: Config, now: number): number | undefined {
  const ahead: number[] = [];
  for (const delivery of incident.deliveries ?? []) {
    if (delivery.attempt >= MAX_ATTEMPTS) continue;
    for (const [name, outcome] of Object.entries(delivery.channels)) {
      if (outcome.state === "failed") ahead.push(outcome.retryAt);
      if (outcome.state === "sending" && config.channels[name]?.type === "pagerduty")
        ahead.push(delivery.claimedAt + CLAIM_STALE_MS);
    }
  }
  const notice = stakeholderClock(incident, config);
  if (notice && incident.open && notice.sentAt === undefined && !notice.requested) ahead.push(notice.dueAt);
  const future = ahead.filter((at) => at > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}
