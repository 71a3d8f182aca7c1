import type { ChannelConfig, Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import type { Delivery } from "./types.js";
import type { Occasion } from "./occasions.js";

const TRIGGERS = new Set(["declared", "ack-missed", "escalation"]);

/**
 * The channels an occasion goes to: those whose `events`, `severities` and `revenue` match the incident as it
 * stands, plus the ones its clock names. PagerDuty is told to acknowledge or resolve only where it was told
 * to trigger, since there is no alert anywhere else. Without an incident (a freeze, an exception, a release)
 * only `events` and the named channels count, and PagerDuty, which pages for incidents, hears nothing.
 */
export function routeOccasion(
  occasion: Occasion,
  incident: Pick<Incident, "severity" | "revenue"> | undefined,
  config: Config,
  deliveries: ReadonlyMap<string, Delivery>,
): string[] {
  const channels = config.channels;
  const matches = (channel: ChannelConfig) =>
    channel.events.includes(occasion.event) &&
    (!incident ||
      ((channel.severities.length === 0 || channel.severities.includes(incident.severity)) &&
        (channel.revenue === undefined || channel.revenue === incident.revenue)));
  const names = new Set<string>();
  if (occasion.exclusive) return occasion.channels.filter((name) => channels[name] !== undefined).sort();
  for (const [name, channel] of Object.entries(channels)) {
    if (channel.type === "pagerduty" && (!incident || !TRIGGERS.has(occasion.event))) continue;
    if (matches(channel)) names.add(name);
  }
  for (const name of occasion.channels)
    if (channels[name] && (incident || channels[name].type !== "pagerduty")) names.add(name);
  if (occasion.event === "acknowledged" || occasion.event === "resolved" || occasion.event === "cancelled") {
    for (const name of triggeredPagers(config, deliveries)) {
      const channel = channels[name];
      if (channel?.events.includes(occasion.event) || occasion.event !== "acknowledged") names.add(name);
    }
  }
  return [...names].sort();
}

/** PagerDuty channels that hold an alert for this incident: a trigger was delivered there. */
export function triggeredPagers(config: Config, deliveries: ReadonlyMap<string, Delivery>): string[] {
  const found = new Set<string>();
  for (const delivery of deliveries.values()) {
    if (!TRIGGERS.has(delivery.event)) continue;
    for (const [name, outcome] of Object.entries(delivery.channels)) {
      if (config.channels[name]?.type !== "pagerduty") continue;
      // A trigger whose fate is unknown may have opened an alert: resolving it is harmless either way.
      if (outcome.state === "delivered" || outcome.state === "unknown" || outcome.state === "sending")
        found.add(name);
    }
  }
  return [...found];
}
