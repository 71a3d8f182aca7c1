import { acknowledgeFrom } from "../clocks/waitsForOffice.js";
import type { Config } from "../config/schema.js";
import { onCallAt } from "../oncall/onCallAt.js";
import type { Draft } from "./draft.js";

// One rule for who leads, the same for `/ack`, `/lead`, assignments and the roster:
// - a person leads once they take the lead (`/lead`, or `/ack` or an assignment while nobody leads);
// - until then the on-call engineer leads, from the moment their watch over the incident begins (the
//   declaration, or the office opening for a minor incident that waits for it);
// - `/lead @x` always hands over: whoever led before, the on-call engineer included, is unassigned;
// - `/ack` and an assignment make someone lead only when nobody leads, the on-call engineer included.

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export interface RosterLead {
  login: string;
  /** When the on-call engineer's watch over this incident begins. */
  from: number;
  /** The roster entry's name, e.g. "Thanksgiving". */
  period?: string;
}

/** The on-call engineer who leads while no person has taken the lead, if one is configured. */
export function rosterLead(draft: Draft, config: Config): RosterLead | undefined {
  if (draft.state === "cancelled") return undefined;
  const from = acknowledgeFrom(draft, config);
  const onCall = onCallAt(
    config.oncall,
    config.business_hours.timezone,
    from,
    config.business_hours.holidays,
  );
  if (onCall.primary === undefined) return undefined;
  // Someone took them off the incident by hand: the roster does not put them back.
  if (draft.rosterDismissed?.some((login) => same(login, onCall.primary))) return undefined;
  return {
    login: onCall.primary,
    from,
    ...(onCall.period !== undefined ? { period: onCall.period } : {}),
  };
}

/** Who leads at `at` as the record stands so far: the person who took the lead, else the on-call engineer. */
export function leaderAt(draft: Draft, config: Config, at: number): string | undefined {
  if (draft.lead !== undefined) return draft.lead;
  const roster = rosterLead(draft, config);
  return roster !== undefined && at >= roster.from ? roster.login : undefined;
}

/** Hands the lead to `user`; returns who led before (to be unassigned), if it was someone else. */
export function handLead(draft: Draft, config: Config, user: string, at: number): string | undefined {
  const before = leaderAt(draft, config, at);
  draft.lead = user;
  draft.replacedLeads = (draft.replacedLeads ?? []).filter((login) => !same(login, user));
  if (before === undefined || same(before, user)) return undefined;
  if (!draft.replacedLeads.some((login) => same(login, before))) draft.replacedLeads.push(before);
  return before;
}

/** A person assigned `login` by hand: wanted on the incident, so neither replaced nor dismissed any more. */
export function assignedByHand(draft: Draft, login: string): void {
  if (draft.replacedLeads) draft.replacedLeads = draft.replacedLeads.filter((l) => !same(l, login));
  if (draft.rosterDismissed) draft.rosterDismissed = draft.rosterDismissed.filter((l) => !same(l, login));
}

/** A person unassigned `login` by hand: if they led, nobody does now, and the roster does not reassign them. */
export function unassignedByHand(draft: Draft, config: Config, login: string, at: number): void {
  if (!same(leaderAt(draft, config, at), login)) return;
  if (same(draft.lead, login)) delete draft.lead;
  if (same(rosterLead(draft, config)?.login, login)) (draft.rosterDismissed ??= []).push(login);
}
