import type { Config, MessageEvent } from "../config/schema.js";
import type { Incident } from "../types.js";
import type { NewsSubject } from "./types.js";
import { incidentFreezeOccasions } from "./freezeOccasions.js";

/** Something that happened to an incident and may be worth telling the world about. */
export interface Occasion {
  /** The message's identity on the incident: the event, plus the step or comment for repeated ones. */
  message: string;
  event: MessageEvent;
  at: number;
  /** Channels named by the clock that caused it (an escalation step, the acknowledgement notice). */
  channels: string[];
  /** Only `channels`, not the ones routing would add (a person named them). */
  exclusive?: boolean;
  /** Escalation: the step's own words. Status update: the update's text and the promise of the next. */
  detail?: string;
  nextDueAt?: number;
  /** Freezes, exceptions and releases: what the message is about (incident messages read the incident). */
  subject?: NewsSubject;
}

/**
 * Every occasion of the incident so far, in the order they happened. Derived from the projection alone, so
 * any reconcile (late, twice, out of order) finds the same occasions with the same identities.
 */
export function occasionsOf(incident: Incident, config: Config): Occasion[] {
  const found: Occasion[] = [];
  const add = (occasion: Omit<Occasion, "channels"> & { channels?: string[] }) =>
    found.push({ channels: [], ...occasion });

  // The stakeholder notice goes out by itself only for the severities whose stakeholders must hear (the
  // playbook's critical incidents); for the rest, the communicator sends it with `/announce`.
  const noticed = config.stakeholders.notice_severities.includes(incident.severity);
  add({ message: "declared", event: "declared", at: incident.declaredAt });
  add({ message: "incident-report", event: "incident-report", at: incident.declaredAt });
  if (noticed)
    add({ message: "stakeholder-notice:declared", event: "stakeholder-notice", at: incident.declaredAt });
  for (const request of incident.announcements ?? [])
    add({
      message: `stakeholder-notice:${request.commentId ?? request.at}`,
      event: "stakeholder-notice",
      at: request.at,
      channels: request.channels.length > 0 ? request.channels : announceChannels(incident, config),
      exclusive: true,
    });
  if (incident.acknowledgedAt !== undefined)
    add({ message: "acknowledged", event: "acknowledged", at: incident.acknowledgedAt });
  for (const notice of incident.notices) {
    if (notice.kind === "ack-breach")
      add({
        message: "ack-missed",
        event: "ack-missed",
        at: notice.at,
        channels: config.acknowledge.channels,
      });
    if (notice.kind !== "escalation") continue;
    for (const key of notice.keys) {
      const [ladderName, index] = key.split(":");
      const step = config.escalation.ladders.find((l) => l.name === ladderName)?.steps[Number(index)];
      add({
        message: `escalation:${key}`,
        event: "escalation",
        at: notice.at,
        channels: step?.channels ?? [],
        ...(step?.note ? { detail: step.note } : {}),
      });
    }
  }
  for (const update of incident.updates)
    add({
      message: `update:${update.commentId ?? update.at}`,
      event: "status-update",
      at: update.at,
      detail: update.text,
      ...(update.nextDueAt !== undefined ? { nextDueAt: update.nextDueAt } : {}),
    });
  if (incident.workaround)
    add({
      message: "workaround",
      event: "workaround",
      at: incident.workaround.at,
      detail: incident.workaround.text,
    });
  if (incident.resolution && incident.resolvedAt !== undefined && incident.state !== "cancelled") {
    add({ message: "resolved", event: "resolved", at: incident.resolvedAt });
    add({ message: "end-of-incident", event: "end-of-incident", at: incident.resolvedAt });
    if (noticed)
      add({ message: "stakeholder-notice:resolved", event: "stakeholder-notice", at: incident.resolvedAt });
  }
  if (incident.state === "cancelled" && incident.cancelledAt !== undefined)
    add({ message: "cancelled", event: "cancelled", at: incident.cancelledAt });
  found.push(...incidentFreezeOccasions(incident, config));
  if (incident.postmortem) {
    add({ message: "postmortem-opened", event: "postmortem-opened", at: incident.postmortem.openedAt });
    if (incident.postmortem.state === "merged" && incident.postmortem.mergedAt !== undefined) {
      add({ message: "postmortem-merged", event: "postmortem-merged", at: incident.postmortem.mergedAt });
      add({ message: "postmortem-shared", event: "postmortem-shared", at: incident.postmortem.mergedAt });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Where `/announce` without names sends: the channels that carry the notice, else every e-mail channel. */
export function announceChannels(incident: Incident, config: Config): string[] {
  const entries = Object.entries(config.channels);
  const routed = entries.filter(
    ([, c]) =>
      c.events.includes("stakeholder-notice") &&
      (c.severities.length === 0 || c.severities.includes(incident.severity)) &&
      (c.revenue === undefined || c.revenue === incident.revenue),
  );
  const chosen = routed.length > 0 ? routed : entries.filter(([, c]) => c.type === "email");
  return chosen.map(([name]) => name);
}
