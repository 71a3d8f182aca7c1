import type { BotComment } from "../plan/botComments.js";
import { renderMarker } from "../markers.js";
import { neutralizeInline } from "../text/neutralize.js";
import { formatTime } from "../time/formatTime.js";
import type { ChannelOutcome, Delivery, DeliveryRecord } from "./types.js";
import { MESSAGE_EVENTS } from "../config/schema.js";

export const DELIVERY_KIND = "delivery";
// The record travels in a hidden comment of its own, base64url so no text of it can close the comment.
const RECORD = /<!-- expedite-record:([A-Za-z0-9_-]+) -->/;

/** The bot comment that claims and then records one attempt at one message. */
export function renderDeliveryComment(record: DeliveryRecord, zone: string): string {
  const marker = renderMarker(DELIVERY_KIND, { message: record.message, attempt: record.attempt });
  const lines = Object.entries(record.channels).map(
    ([channel, outcome]) => `- \`${channel}\`: ${describeOutcome(outcome, zone)}`,
  );
  const encoded = Buffer.from(JSON.stringify(record), "utf8").toString("base64url");
  return [
    marker,
    `📣 **${neutralizeInline(record.title, 200)}**${record.attempt > 1 ? ` (attempt ${record.attempt})` : ""}`,
    "",
    ...lines,
    "",
    `<!-- expedite-record:${encoded} -->`,
  ].join("\n");
}

export function describeOutcome(outcome: ChannelOutcome, zone: string): string {
  switch (outcome.state) {
    case "sending":
      return `sending since ${formatTime(outcome.at, zone)}`;
    case "delivered":
      return `✅ delivered ${formatTime(outcome.at, zone)}`;
    case "failed":
      return `⚠️ not delivered — ${neutralizeInline(outcome.reason, 160)}, retrying after ${formatTime(outcome.retryAt, zone)}`;
    case "unknown":
      return `❔ may not have arrived — ${neutralizeInline(outcome.reason, 160)}; not sent again (see docs/reliability.md)`;
    case "abandoned":
      return `❌ not delivered — ${neutralizeInline(outcome.reason, 160)}; gave up`;
  }
}

/** Reads a delivery record from a bot comment; undefined when it is not one or is damaged. */
export function parseDelivery(comment: BotComment): Delivery | undefined {
  if (comment.marker.kind !== DELIVERY_KIND) return undefined;
  const match = RECORD.exec(comment.body);
  if (!match?.[1]) return undefined;
  try {
    const record = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8")) as DeliveryRecord;
    if (
      typeof record.message !== "string" ||
      record.message !== comment.marker.data.message ||
      !MESSAGE_EVENTS.includes(record.event) ||
      typeof record.attempt !== "number" ||
      typeof record.channels !== "object" ||
      record.channels === null
    )
      return undefined;
    return { ...record, commentId: comment.id };
  } catch {
    return undefined;
  }
}

/**
 * The standing record of each message: its latest attempt. Copies of one attempt left by reconcilers that
 * raced each other count from the oldest, the one that won the claim (see claimWinner).
 */
export function deliveriesFrom(comments: readonly BotComment[]): Map<string, Delivery> {
  const latest = new Map<string, Delivery>();
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    const delivery = parseDelivery(comment);
    if (!delivery) continue;
    const seen = latest.get(delivery.message);
    if (!seen || delivery.attempt > seen.attempt) latest.set(delivery.message, delivery);
  }
  return latest;
}

export interface Claim {
  id: number;
  attempt: number;
  nonce?: string;
}

/**
 * Which claim won attempt `attempt` at a message: the oldest claim comment for this attempt or a later one,
 * ignoring the record being replaced. Comment ids grow with time, so reconcilers that claimed at once all see
 * the same winner, and one that read the issue before another finished (and deleted) an attempt still sees
 * the newer attempt and stands down. Older attempts left behind by a crash cannot block a retry.
 */
export function claimWinner(
  claims: readonly Claim[],
  attempt: number,
  predecessor: number | undefined,
): Claim | undefined {
  return [...claims]
    .filter((c) => c.id !== predecessor && c.attempt >= attempt)
    .sort((a, b) => a.id - b.id)[0];
}
