import { randomUUID } from "node:crypto";
import type { Config } from "../core/config/schema.js";
import type { Delivery, DeliveryRecord, PlannedMessage } from "../core/channels/types.js";
import { claimWinner, renderDeliveryComment } from "../core/channels/deliveryRecord.js";
import type { GitHubContext } from "../github/types.js";
import { listClaims, postClaim } from "../github/deliveryClaims.js";
import { deleteComment, updateComment } from "../github/writeComments.js";
import { sendToChannel } from "../channels/sendToChannel.js";
import type { ChannelSecrets } from "../channels/channelSecrets.js";

export interface Outbox {
  secrets: ChannelSecrets;
  /** Per request to a channel. */
  timeoutMs: number;
}

export interface DeliveryOutcome {
  writes: number;
  /** The records this reconcile wrote (the board shows them). */
  records: Delivery[];
}

/**
 * Sends planned messages exactly once, with GitHub as the referee: claim (one comment per message and
 * attempt), check that this claim is the one that counts, send, record the outcome in the claim. A
 * reconciler that loses a claim withdraws it and sends nothing. A channel's failure is recorded and retried
 * by a later reconcile; nothing here throws past the caller, so labels, the board and clocks go on.
 */
export async function deliverMessages(
  gh: GitHubContext,
  config: Config,
  number: number,
  planned: readonly PlannedMessage[],
  now: number,
  outbox: Outbox,
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { writes: 0, records: [] };
  if (planned.length === 0) return outcome;
  const zone = config.business_hours.timezone;
  try {
    const claimed: Claimed[] = [];
    for (const plan of planned) {
      const record: DeliveryRecord = {
        message: plan.message,
        event: plan.event,
        attempt: plan.attempt,
        nonce: randomUUID(),
        claimedAt: now,
        title: plan.content.title,
        channels: {
          ...plan.carried,
          ...Object.fromEntries(plan.channels.map((c) => [c, { state: "sending" as const, at: now }])),
        },
      };
      const id = await postClaim(gh, number, renderDeliveryComment(record, zone));
      outcome.writes++;
      claimed.push({ plan, record, ...(id !== undefined ? { id } : {}) });
    }

    const claims = await listClaims(gh, number);
    const won: typeof claimed = [];
    for (const entry of claimed) {
      const mine = (claims.get(entry.plan.message) ?? []).find((c) => c.nonce === entry.record.nonce);
      const winner = claimWinner(
        claims.get(entry.plan.message) ?? [],
        entry.plan.attempt,
        entry.plan.predecessor,
      );
      if (mine && winner?.id === mine.id) {
        won.push({ ...entry, id: mine.id });
        continue;
      }
      // Someone else holds this message: take our claim back, send nothing.
      if (mine) {
        await deleteComment(gh, mine.id);
        outcome.writes++;
      }
      gh.log.info({ issue: number, message: entry.plan.message }, "another reconcile sends this message");
    }

    for (const entry of won) {
      try {
        await sendAndRecord(gh, config, number, entry, now, outbox, outcome);
      } catch (error) {
        // Recording failed (GitHub answered badly): the claim stays "sending" and a later reconcile treats
        // it as a send whose outcome is unknown. The other messages still go.
        gh.log.error(
          { err: error, issue: number, message: entry.plan.message },
          "could not record an outside message",
        );
      }
    }
  } catch (error) {
    // GitHub itself failed mid-way: whatever was claimed but not recorded is settled by a later reconcile.
    gh.log.error(
      { err: error, issue: number },
      "could not record outside messages; a later reconcile continues",
    );
  }
  return outcome;
}

type Claimed = { plan: PlannedMessage; record: DeliveryRecord; id?: number };

/** Sends one won message to each of its channels at once, then records every outcome in its claim. */
async function sendAndRecord(
  gh: GitHubContext,
  config: Config,
  number: number,
  entry: Claimed,
  now: number,
  outbox: Outbox,
  outcome: DeliveryOutcome,
): Promise<void> {
  const zone = config.business_hours.timezone;
  const results = await Promise.all(
    entry.plan.channels.map(async (name) => {
      const channel = config.channels[name];
      const result = channel
        ? await sendToChannel(name, channel, entry.plan.content, {
            secrets: outbox.secrets,
            now,
            timeoutMs: outbox.timeoutMs,
            message: entry.plan.message,
            attempt: entry.plan.attempt,
          })
        : { state: "abandoned" as const, at: now, reason: "the channel is no longer configured" };
      return [name, result] as const;
    }),
  );
  for (const [name, result] of results) {
    entry.record.channels[name] = result;
    if (result.state !== "delivered")
      gh.log.warn(
        {
          issue: number,
          message: entry.plan.message,
          channel: name,
          outcome: result.state,
          reason: "reason" in result ? result.reason : undefined,
        },
        "outside message not delivered",
      );
  }
  const id = entry.id as number;
  await updateComment(gh, id, renderDeliveryComment(entry.record, zone));
  outcome.writes++;
  outcome.records.push({ ...entry.record, commentId: id });
  // The new record carries everything the old one said.
  if (entry.plan.predecessor !== undefined) {
    await deleteComment(gh, entry.plan.predecessor).catch(() => undefined);
    outcome.writes++;
  }
}
