import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import type { Templates } from "../render/templates.js";
import { occasionsOf } from "./occasions.js";
import { routeOccasion } from "./routeOccasion.js";
import { messageContent } from "./messageContent.js";
import { newsContent } from "./newsContent.js";
import type { ChannelOutcome, Delivery, MessageContent, PlannedMessage } from "./types.js";
import type { Occasion } from "./occasions.js";

/** An occasion older than this when first seen is history, not news: it is not sent (e.g. a new channel). */
export const FRESH_FOR_MS = 24 * 3_600_000;
/** A claim with no result after this long was left by a sender that stopped: its outcome is unknown. */
export const CLAIM_STALE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 8;

/** Wait before attempt n+1 after n failures: 1, 2, 4 … minutes, at most an hour. */
export function retryDelay(failures: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failures - 1), 3_600_000);
}

export interface MessagePlanInput {
  incident: Incident;
  config: Config;
  templates: Templates;
  now: number;
  repository: string;
  deliveries: ReadonlyMap<string, Delivery>;
}

/**
 * The messages this reconcile should send: occasions routed to at least one channel and not yet recorded,
 * and recorded ones with channels due for a retry. A recorded message is never planned afresh: its record
 * on the issue is what makes it once-only.
 */
export function planMessages(input: MessagePlanInput): PlannedMessage[] {
  const { incident, config, templates, now, deliveries, repository } = input;
  if (Object.keys(config.channels).length === 0 && deliveries.size === 0) return [];
  const threads = new EmailThreads(config, repository, incident.number, deliveries);
  return planOccasions({
    occasions: occasionsOf(incident, config),
    config,
    now,
    deliveries,
    route: (occasion) => routeOccasion(occasion, incident, config, deliveries),
    content: (occasion, channels) => {
      const content = messageContent(occasion, { incident, config, templates, repository });
      const pagerduty = pagerdutyPart(occasion, repository, incident.number);
      if (pagerduty) content.pagerduty = pagerduty;
      return threads.thread(content, occasion.message, channels);
    },
  });
}

export interface NewsPlanInput {
  /** Freezes, exceptions or releases, each with its subject and a stable identity. */
  occasions: readonly Occasion[];
  config: Config;
  templates: Templates;
  now: number;
  repository: string;
  /** The issue that keeps the records (a freeze issue, the freeze calendar, a pull request, a hold issue, the release tracker). */
  number: number;
  url: string;
  deliveries: ReadonlyMap<string, Delivery>;
}

/** The messages about freezes, exceptions and releases to send now, recorded on an issue that is not an incident. */
export function planNews(input: NewsPlanInput): PlannedMessage[] {
  const { config, templates, now, deliveries, repository, number, url } = input;
  if (Object.keys(config.channels).length === 0) return [];
  const threads = new EmailThreads(config, repository, number, deliveries);
  return planOccasions({
    occasions: input.occasions,
    config,
    now,
    deliveries,
    route: (occasion) => routeOccasion(occasion, undefined, config, deliveries),
    content: (occasion, channels) =>
      threads.thread(
        newsContent(occasion, { config, templates, repository, source: number, sourceUrl: url }),
        occasion.message,
        channels,
      ),
  });
}

export interface OccasionPlanInput {
  /** Everything that happened so far on the issue that keeps the records, each with a stable identity. */
  occasions: readonly Occasion[];
  config: Config;
  now: number;
  /** The records already on that issue (deliveriesFrom its bot comments). */
  deliveries: ReadonlyMap<string, Delivery>;
  /** The channels a new occasion goes to. */
  route: (occasion: Occasion) => string[];
  /** What the message says. */
  content: (occasion: Occasion, channels: readonly string[]) => MessageContent;
}

/**
 * The generic half of planning, for any issue that keeps delivery records (an incident, or another kind of
 * record issue): new occasions routed somewhere are planned once, recorded ones only for their retries. A new
 * kind of message needs an event name in MESSAGE_EVENTS, occasions with stable identities, a route and a
 * content function; deliverMessages then sends and records it like any other.
 */
export function planOccasions(input: OccasionPlanInput): PlannedMessage[] {
  const { config, now, deliveries } = input;
  const planned: PlannedMessage[] = [];
  for (const occasion of input.occasions) {
    const delivery = deliveries.get(occasion.message);
    if (delivery) {
      const retry = retryOf(delivery, config, now);
      if (retry.channels.length > 0)
        planned.push({
          message: occasion.message,
          event: occasion.event,
          at: occasion.at,
          attempt: delivery.attempt + 1,
          channels: retry.channels,
          carried: retry.carried,
          predecessor: delivery.commentId,
          content: input.content(occasion, retry.channels),
        });
      continue;
    }
    if (occasion.at < now - FRESH_FOR_MS) continue;
    const channels = input.route(occasion);
    if (channels.length === 0) continue;
    planned.push({
      message: occasion.message,
      event: occasion.event,
      at: occasion.at,
      attempt: 1,
      channels,
      carried: {},
      content: input.content(occasion, channels),
    });
  }
  return planned;
}

/**
 * Which channels of a recorded message to try again: refused ones whose back-off has passed, and — only for
 * PagerDuty, whose dedup_key makes a repeat harmless — ones whose outcome is unknown. Everything else is
 * carried into the next record as it stands.
 */
function retryOf(
  delivery: Delivery,
  config: Config,
  now: number,
): { channels: string[]; carried: Record<string, ChannelOutcome> } {
  const channels: string[] = [];
  const carried: Record<string, ChannelOutcome> = {};
  for (const [name, outcome] of Object.entries(delivery.channels)) {
    const idempotent = config.channels[name]?.type === "pagerduty";
    const due =
      (outcome.state === "failed" && outcome.retryAt <= now) ||
      (idempotent && outcome.state === "unknown") ||
      (idempotent && outcome.state === "sending" && now - delivery.claimedAt >= CLAIM_STALE_MS);
    // A channel removed from the configuration is not chased any further.
    if (due && config.channels[name] !== undefined && delivery.attempt < MAX_ATTEMPTS) channels.push(name);
    else carried[name] = outcome;
  }
  return { channels: channels.sort(), carried };
}

/**
 * E-mail threading: one issue is one thread per channel. The first e-mail recorded on the issue (an incident,
 * a freeze issue …) is the thread's root; every later one answers it (In-Reply-To and References), so mail
 * clients fold them together.
 */
class EmailThreads {
  readonly #config: Config;
  readonly #repository: string;
  readonly #number: number;
  #root: string | undefined;

  constructor(config: Config, repository: string, number: number, deliveries: ReadonlyMap<string, Delivery>) {
    this.#config = config;
    this.#repository = repository;
    this.#number = number;
    const emailed = [...deliveries.values()]
      .filter((d) => Object.keys(d.channels).some((c) => config.channels[c]?.type === "email"))
      .sort((a, b) => a.claimedAt - b.claimedAt || a.commentId - b.commentId);
    if (emailed[0]) this.#root = this.messageId(emailed[0].message);
  }

  /** `content` with its place in the thread, when it goes to an e-mail channel. */
  thread(content: MessageContent, message: string, channels: readonly string[]): MessageContent {
    if (channels.some((c) => this.#config.channels[c]?.type === "email")) {
      const messageId = this.messageId(message);
      this.#root ??= messageId;
      content.email = this.#root === messageId ? { messageId } : { messageId, inReplyTo: this.#root };
    }
    return content;
  }

  messageId(message: string): string {
    const from = Object.values(this.#config.channels).find((c) => c.type === "email");
    const domain = /@([^\s>]+)/.exec(from?.type === "email" ? from.from : "")?.[1] ?? "expedite.invalid";
    const local = `${message}.${this.#number}.${this.#repository}`.replace(/[^A-Za-z0-9.-]/g, ".");
    return `<expedite.${local}@${domain}>`;
  }
}

function pagerdutyPart(occasion: Occasion, repository: string, number: number): MessageContent["pagerduty"] {
  const dedupKey = `expedite/${repository}#${number}`;
  switch (occasion.event) {
    case "declared":
    case "ack-missed":
    case "escalation":
      return { action: "trigger", dedupKey };
    case "acknowledged":
      return { action: "acknowledge", dedupKey };
    case "resolved":
    case "cancelled":
      return { action: "resolve", dedupKey };
    default:
      return undefined;
  }
}
