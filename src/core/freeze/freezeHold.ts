import type { Permission } from "../snapshot.js";
import { permits } from "../snapshot.js";
import type { FreezePeriod } from "./types.js";

/**
 * A freeze kept in force because the hand change that would have lifted it was made by someone without
 * the role to lift it. Nothing is reverted: the issue stays as they left it, and this says why merges
 * stay frozen and who can end it.
 */
export interface FreezeHold {
  /** Who made the change. */
  by: string;
  at: number;
  /** What they did, in words ("closed the issue", "set severity 4 by label"). */
  change: string;
  /** Their role when judged, and the role the change needed. */
  role: Permission;
  needed: Permission;
}

/** One change to what decides a freeze, in timeline order, with the freeze as it stands after it. */
export interface FreezeStep {
  at: number;
  actor: string;
  change: string;
  /** Whether the freeze is in force once this change counts. */
  freezingAfter: boolean;
  /**
   * A person's label or open/closed change (judged here by role). Commands and the bot's own writes are
   * judged where they are made, so they always count.
   */
  byHand: boolean;
  /** Someone took the hold marker off by hand: it ends the hold only when they may lift the freeze. */
  releasesHold?: boolean;
}

/**
 * Folds the changes of one issue into the hold that is in force after the last of them, if any. A change
 * that starts a freeze always counts. A hand change that would lift one counts only when its author holds
 * `needed`; otherwise the freeze holds from then on, until someone who may lift it makes a change that
 * leaves it lifted (the same one again, the equivalent command, or taking the hold marker off), or the
 * freeze comes back by itself.
 */
export function freezeHoldOf(
  steps: readonly FreezeStep[],
  initiallyFreezing: boolean,
  roles: ReadonlyMap<string, Permission>,
  needed: Permission,
): FreezeHold | undefined {
  return freezeHistory(steps, initiallyFreezing, roles, needed, 0).hold;
}

/**
 * The same fold, also giving the spans during which the freeze was in force (held spans included: a hold
 * is the freeze going on), from `from` on. Each span is one freeze: it starts and ends at the steps that
 * changed it, so the same steps always give the same spans. A span that ends at the instant it began
 * (a severity corrected in the same breath) never froze anything and is left out.
 */
export function freezeHistory(
  steps: readonly FreezeStep[],
  initiallyFreezing: boolean,
  roles: ReadonlyMap<string, Permission>,
  needed: Permission,
  from: number,
): { hold?: FreezeHold; periods: FreezePeriod[] } {
  let freezing = initiallyFreezing;
  let hold: FreezeHold | undefined;
  const periods: FreezePeriod[] = initiallyFreezing ? [{ startedAt: from }] : [];
  const apply = (step: FreezeStep, allowed: boolean, role: Permission) => {
    if (step.releasesHold) {
      if (hold && allowed) hold = undefined;
      return;
    }
    if (step.freezingAfter) {
      freezing = true;
      hold = undefined;
      return;
    }
    if (!freezing) {
      // Already lifted (or held): a change by someone who may lift confirms the lift.
      if (hold && allowed) hold = undefined;
      return;
    }
    freezing = false;
    if (!allowed) hold = { by: step.actor, at: step.at, change: step.change, role, needed };
  };
  for (const step of steps) {
    const role = roles.get(step.actor.toLowerCase()) ?? "none";
    apply(step, !step.byHand || permits(role, needed), role);
    const inForce = freezing || hold !== undefined;
    const last = periods.at(-1);
    const running = last !== undefined && last.endedAt === undefined;
    const at = Math.max(step.at, from);
    if (inForce && !running) periods.push({ startedAt: at });
    else if (!inForce && last && running) {
      if (at <= last.startedAt) periods.pop();
      else last.endedAt = at;
    }
  }
  return { ...(hold ? { hold } : {}), periods };
}

/**
 * The people whose role the fold needs: the author of a hand change that lifted a freeze, and the authors of
 * hand changes after it while that lift may have left a hold. Nobody else is looked up.
 */
export function holdActors(steps: readonly FreezeStep[], initiallyFreezing: boolean): string[] {
  const actors = new Set<string>();
  let freezing = initiallyFreezing;
  let mayHold = false;
  for (const step of steps) {
    if (step.releasesHold) {
      if (mayHold && step.byHand) actors.add(step.actor.toLowerCase());
      continue;
    }
    if (step.freezingAfter) {
      freezing = true;
      mayHold = false;
      continue;
    }
    if (freezing) {
      freezing = false;
      mayHold = step.byHand;
      if (step.byHand) actors.add(step.actor.toLowerCase());
    } else if (mayHold && step.byHand) {
      actors.add(step.actor.toLowerCase());
    }
  }
  return [...actors];
}
