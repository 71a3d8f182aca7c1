import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { durationMs } from "../time/parseDuration.js";

export interface StakeholderClock {
  dueAt: number;
  /** When the notice first reached a channel, and which channels it reached then. */
  sentAt?: number;
  channels: string[];
  /** Someone asked for it with `/announce` (it is on its way). */
  requested: boolean;
}

/**
 * The stakeholder-notice clock of the playbook: for the configured severities, the notice is due within
 * `stakeholders.notice_within` of the declaration, and is met once a notice has been delivered anywhere.
 * Other severities, and repositories with no channel that could carry a notice, have no such clock.
 */
export function stakeholderClock(incident: Incident, config: Config): StakeholderClock | undefined {
  if (!config.stakeholders.notice_severities.includes(incident.severity)) return undefined;
  // Without a channel that could carry it, there is nothing to send and no clock to show.
  if (!Object.values(config.channels).some((c) => c.type !== "pagerduty")) return undefined;
  const dueAt = incident.declaredAt + durationMs(config.stakeholders.notice_within);
  let sentAt: number | undefined;
  let channels: string[] = [];
  for (const delivery of incident.deliveries ?? []) {
    if (delivery.event !== "stakeholder-notice") continue;
    const delivered = Object.entries(delivery.channels).filter(([, o]) => o.state === "delivered");
    const at = Math.min(...delivered.map(([, o]) => o.at));
    if (delivered.length > 0 && (sentAt === undefined || at < sentAt)) {
      sentAt = at;
      channels = delivered.map(([name]) => name).sort();
    }
  }
  return {
    dueAt,
    ...(sentAt !== undefined ? { sentAt } : {}),
    channels,
    requested: (incident.announcements ?? []).length > 0,
  };
}
