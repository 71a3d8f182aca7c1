import type { Logger, OctokitLike } from "../github/types.js";

export interface DeliveryAttempt {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  event: string;
}

export interface RecoveryState {
  /** Attempts delivered before this moment were looked at by an earlier pass. */
  checkpoint: number;
  /**
   * GUIDs already asked to be redelivered: when last, and how many times. A redelivery that fails too (the
   * App was still down, a 5xx) is asked for again after a growing pause, up to MAX_ASKS times.
   */
  requested: Map<string, { at: number; times: number }>;
}

/** How often one failed event is asked for at most, and the pause before the first repeat. */
export const MAX_ASKS = 5;
const FIRST_PAUSE_MS = 60_000;

/** Whether a failed event may be asked for (again) now: never asked, or its last redelivery failed too. */
function mayAsk(state: RecoveryState, guid: string, now: number): boolean {
  const asked = state.requested.get(guid);
  if (asked === undefined) return true;
  return asked.times < MAX_ASKS && now - asked.at >= FIRST_PAUSE_MS * 2 ** (asked.times - 1);
}

export interface RecoveryLimits {
  /** Pages of 100 attempts read at most per pass. */
  maxPages: number;
  /** Redeliveries asked for at most per pass; the rest wait for the next pass. */
  maxRedeliveries: number;
}

export interface RecoveryOutcome {
  scanned: number;
  failed: number;
  redelivered: string[];
  errors: number;
}

const ok = (code: number) => code >= 200 && code < 300;
// delivered_at has one-second resolution; attempt ids grow with time and break the ties.
const earlier = (a: DeliveryAttempt, b: DeliveryAttempt) =>
  Date.parse(a.delivered_at) - Date.parse(b.delivered_at) || a.id - b.id;

/**
 * GitHub never redelivers a failed webhook by itself. This pass pages the App's delivery log back to the
 * checkpoint, finds every event (GUID) none of whose attempts succeeded, and asks GitHub to deliver it
 * again, once per GUID, at most `maxRedeliveries` per pass. The redelivered event then arrives like any
 * other and is reconciled in its object's lane.
 */
export async function recoverDeliveries(
  appOctokit: OctokitLike,
  state: RecoveryState,
  now: number,
  limits: RecoveryLimits,
  log: Logger,
): Promise<RecoveryOutcome> {
  const attempts: DeliveryAttempt[] = [];
  let pages = 0;
  let reachedCheckpoint = false;
  for await (const response of appOctokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 })) {
    const page = response.data as DeliveryAttempt[];
    for (const attempt of page) {
      if (Date.parse(attempt.delivered_at) < state.checkpoint) {
        reachedCheckpoint = true;
        break;
      }
      attempts.push(attempt);
    }
    if (reachedCheckpoint || ++pages >= limits.maxPages) break;
  }
  // An event succeeded if any of its attempts did (a redelivery, a duplicate).
  const byGuid = new Map<string, DeliveryAttempt[]>();
  for (const attempt of attempts) byGuid.set(attempt.guid, [...(byGuid.get(attempt.guid) ?? []), attempt]);
  const failed = [...byGuid.values()]
    .filter((all) => !all.some((a) => ok(a.status_code)))
    // Oldest first, so a bounded pass replays events in the order they happened.
    .map((all) => all.reduce((a, b) => (earlier(a, b) <= 0 ? a : b)))
    .sort(earlier);
  const outcome: RecoveryOutcome = {
    scanned: attempts.length,
    failed: failed.length,
    redelivered: [],
    errors: 0,
  };
  for (const attempt of failed) {
    if (!mayAsk(state, attempt.guid, now)) continue;
    if (outcome.redelivered.length >= limits.maxRedeliveries) break;
    try {
      await appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", {
        delivery_id: attempt.id,
      });
      state.requested.set(attempt.guid, {
        at: now,
        times: (state.requested.get(attempt.guid)?.times ?? 0) + 1,
      });
      outcome.redelivered.push(attempt.guid);
    } catch (error) {
      outcome.errors++;
      log.warn({ err: error, delivery: attempt.guid }, "could not ask GitHub to redeliver a failed delivery");
    }
  }
  // Next pass: from where this one started reading, less a margin for attempts still in flight; GUIDs
  // already asked for are remembered for GitHub's three days of redeliverable history.
  if (outcome.redelivered.length < limits.maxRedeliveries && pages < limits.maxPages)
    state.checkpoint = Math.max(state.checkpoint, now - 5 * 60_000);
  for (const [guid, asked] of state.requested)
    if (now - asked.at > 3 * 24 * 3_600_000) state.requested.delete(guid);
  if (outcome.redelivered.length > 0)
    log.info(
      { redelivered: outcome.redelivered, failed: outcome.failed },
      `asked GitHub to redeliver ${outcome.redelivered.length} failed webhook deliveries`,
    );
  return outcome;
}
