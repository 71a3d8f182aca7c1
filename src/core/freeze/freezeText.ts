import { DateTime } from "luxon";
import { defuseMentions, mention, neutralizeInline } from "../text/neutralize.js";
import type { ActiveFreeze } from "./types.js";

/** What each kind of freeze is called in tables and messages. */
export const FREEZE_KIND_WORDS: Record<ActiveFreeze["kind"], string> = {
  window: "freeze window",
  weekly: "weekly freeze",
  closure: "office closure",
  incident: "incident",
  manual: "manual freeze",
};

const HALF_YEAR_MS = 182 * 86_400_000;

/**
 * "Mon 28 Dec 08:00 EST": the weekday and the zone's own abbreviation read best at a glance; the year
 * is added when the moment is far enough from `now` to be ambiguous without it, or when there is no `now`
 * (text that stays around, like an issue title).
 */
export function formatFreezeTime(at: number, zone: string, now?: number): string {
  const local = DateTime.fromMillis(at, { zone }).setLocale("en-US");
  const format =
    now === undefined || Math.abs(at - now) > HALF_YEAR_MS
      ? "ccc d LLL yyyy HH:mm ZZZZ"
      : "ccc d LLL HH:mm ZZZZ";
  return local.toFormat(format);
}

/** How a freeze ends, in words that finish "frozen …". */
export function untilText(freeze: ActiveFreeze, zone: string, now: number): string {
  return `until ${endText(freeze, zone, now)}`;
}

/** When or on what a freeze ends: "Mon 28 Dec 08:00 EST", "the incident is resolved". */
export function endText(freeze: ActiveFreeze, zone: string, now: number): string {
  if (freeze.endsAt !== undefined) return formatFreezeTime(freeze.endsAt, zone, now);
  if (freeze.kind === "incident") return "the incident is resolved";
  if (freeze.kind === "manual" && freeze.issue !== undefined) return `issue #${freeze.issue} is closed`;
  return "it is lifted";
}

/**
 * Plain one-line text (check-run and issue titles are not markdown): collapsed, clipped, and with every
 * "@name" defused so that no title can ping anyone.
 */
export function plainInline(text: string, maxLength = 80): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const clipped = oneLine.length > maxLength ? oneLine.slice(0, maxLength - 1) + "…" : oneLine;
  return defuseMentions(clipped);
}

/** A login or team as readable text that does not notify: "@\u2060alice", "@\u2060org/leads". */
export function handleText(handle: string): string {
  return neutralizeInline(mention(handle.trim()), 100);
}

/** "abc1234": enough of a SHA to recognise it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
