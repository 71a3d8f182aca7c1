import type { MessageEvent, Severity } from "../config/schema.js";

/** One line of a message's fact table (the stakeholder table, the state, the severity). Raw text. */
export interface Fact {
  label: string;
  value: string;
}

/**
 * What a message says, once, for every channel: each adapter lays it out in its service's own format
 * (Block Kit, an Adaptive Card, an e-mail, a PagerDuty event, a JSON document). Text here is raw (what a
 * person typed included): each format escapes it its own way.
 */
export interface MessageContent {
  event: MessageEvent;
  /** One line: the chat header, the e-mail subject, the PagerDuty summary. */
  title: string;
  /** A few plain sentences. */
  summary: string;
  facts: Fact[];
  links: Array<{ label: string; url: string }>;
  /** Markdown rendered from the event's template (the e-mail's text and, through CommonMark, its HTML). */
  body: string;
  incident: {
    repository: string;
    number: number;
    title: string;
    url: string;
    severity: Severity;
    state: string;
    revenue: boolean;
  };
  /** PagerDuty's part: what to do with the incident's alert. */
  pagerduty?: { action: "trigger" | "acknowledge" | "resolve"; dedupKey: string };
  /** E-mail threading: this message's id and the thread it answers. */
  email?: { messageId: string; inReplyTo?: string };
}

/** Where one channel stands for one message. */
export type ChannelOutcome =
  /** Claimed and being sent (or the sender stopped before it could record the result). */
  | { state: "sending"; at: number }
  | { state: "delivered"; at: number }
  /** Refused or unreachable; tried again at `retryAt`. */
  | { state: "failed"; at: number; reason: string; retryAt: number }
  /** The request left but no answer came: it may have arrived (see docs/reliability.md). */
  | { state: "unknown"; at: number; reason: string }
  /** Given up after the last attempt. */
  | { state: "abandoned"; at: number; reason: string };

/** What a delivery comment records: one attempt at one message, with every channel's outcome so far. */
export interface DeliveryRecord {
  /** The message's identity on this incident: "declared", "escalation:revenue:1", "update:1234". */
  message: string;
  event: MessageEvent;
  attempt: number;
  /** Tells the claimant its own comment when the create's answer was lost. */
  nonce: string;
  claimedAt: number;
  title: string;
  channels: Record<string, ChannelOutcome>;
}

/** A record as found on the issue, with the comment that holds it. */
export interface Delivery extends DeliveryRecord {
  commentId: number;
}

/** A message the reconcile should send now, to `channels`, as attempt `attempt`. */
export interface PlannedMessage {
  message: string;
  event: MessageEvent;
  /** When the event happened. */
  at: number;
  attempt: number;
  channels: string[];
  /** Outcomes of channels not tried this time, carried into the new record. */
  carried: Record<string, ChannelOutcome>;
  /** The record of the previous attempt, replaced by this one. */
  predecessor?: number;
  content: MessageContent;
}
