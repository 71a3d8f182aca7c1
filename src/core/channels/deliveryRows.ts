import type { Config } from "../config/schema.js";
import type { Delivery } from "./types.js";
import { CLAIM_STALE_MS } from "./planMessages.js";
import { describeOutcome } from "./deliveryRecord.js";
import { neutralizeInline } from "../text/neutralize.js";

const CHANNEL_TITLES = {
  slack: "Slack",
  teams: "Teams",
  email: "E-mail",
  pagerduty: "PagerDuty",
  webhook: "Webhook",
} as const;

/**
 * The board's "Beyond GitHub" lines: each message, where it went and how that went. A claim whose sender
 * stopped before recording a result shows as unknown once it is stale (an absolute boundary, so idle
 * reconciles in between render the same board).
 */
export function deliveryRows(
  deliveries: readonly Delivery[],
  config: Config,
  now: number,
): Array<{ what: string; where: string }> {
  const zone = config.business_hours.timezone;
  return [...deliveries]
    .sort((a, b) => a.claimedAt - b.claimedAt || a.commentId - b.commentId)
    .map((delivery) => ({
      what: neutralizeInline(delivery.title, 160),
      where: Object.entries(delivery.channels)
        .map(([name, outcome]) => {
          const type = config.channels[name]?.type;
          const label = `${type ? CHANNEL_TITLES[type] : "Channel"} \`${neutralizeInline(name, 60)}\``;
          const stale = outcome.state === "sending" && now - delivery.claimedAt >= CLAIM_STALE_MS;
          return `${label}: ${stale ? "❔ the sender stopped before recording the result; not sent again" : describeOutcome(outcome, zone)}`;
        })
        .join("<br>"),
    }));
}
