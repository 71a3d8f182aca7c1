import type { MessageEvent, Severity } from "../config/schema.js";
import type { ActiveFreeze, FreezeKind } from "../freeze/types.js";

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
  /** The issue that keeps this message's record ("owner/repo" and number): the incident, or another. */
  source: { repository: string; number: number };
  /** The incident the message is about; absent for freezes not caused by one, exceptions and releases. */
  incident?: {
    repository: string;
    number: number;
    title: string;
    url: string;
    severity: Severity;
    state: string;
    revenue: boolean;
  };
  /** A freeze starting or ending (the signed webhook carries it as it is). */
  freeze?: {
    kind: FreezeKind;
    name: string;
    branches: string[];
    started_at: string;
    /** When it is due to end, if known. */
    ends_at?: string;
    /** When it ended (`freeze-ended`). */
    ended_at?: string;
    reason?: string;
    url?: string;
  };
  /** A freeze exception granted, to merge a pull request or to deploy a commit. */
  exception?: {
    to: "merge" | "deploy";
    granted_by: string;
    reason: string;
    commit: string;
    branch: string;
    /** The pull request, or the commit's hold issue. */
    number: number;
    url: string;
    freezes: string[];
  };
  /** A release step announced: drafted, a milestone coming due, published. */
  release?: {
    step: "drafted" | "milestone" | "published";
    name: string;
    tag?: string;
    url: string;
    branch: string;
    /** The step falls in a code freeze on its branch. */
    frozen: boolean;
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

/**
 * A freeze as its messages tell it: what `activeFreezes` says of it, the branches it covers ([] = the
 * default branch) and, once over, when it ended.
 */
export type FreezeSubject = ActiveFreeze & { branches: string[]; endedAt?: number };

/** A freeze exception an approver granted: to merge a pull request, or to deploy a commit. */
export interface GrantSubject {
  to: "merge" | "deploy";
  by: string;
  reason: string;
  sha: string;
  branch: string;
  /** The pull request, or the commit's hold issue, and its address. */
  number: number;
  url: string;
  /** The freezes in force when it was granted (their names). */
  freezes: string[];
}

/** A release step to announce, with the announcement already rendered from its template. */
export interface ReleaseSubject {
  step: "drafted" | "milestone" | "published";
  name: string;
  tag?: string;
  url: string;
  branch: string;
  /** The freezes the step falls in, in words; absent when none. */
  freezes?: string;
  /** One line of detail: the first line of the notes, or the milestone's due date and issues. */
  detail: string;
  /** The `release-announcement` template, rendered (Markdown). */
  markdown: string;
}

/** What a message that is not about an incident's own lifecycle is about. */
export type NewsSubject =
  | { type: "freeze"; freeze: FreezeSubject }
  | { type: "grant"; grant: GrantSubject }
  | { type: "release"; release: ReleaseSubject };
