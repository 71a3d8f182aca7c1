import { DateTime } from "luxon";
import { businessCalendar } from "../calendar/businessCalendar.js";
import type { Config } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";
import type { Incident } from "../types.js";

export interface MeetingDeadline {
  /** The day to hold the meeting by, in the team's zone ("Tue 24 Nov 2026"). */
  by: string;
  /** The configured allowance for the incident's severity ("2d"). */
  within: string;
}

/**
 * The suggested day to hold the post-mortem meeting by: `postmortem.meeting_within` for the severity after
 * the resolution, moved to the next working day when it falls on a weekend, holiday or office closure.
 */
export function meetingDeadline(incident: Incident, config: Config, now: number): MeetingDeadline {
  const within = config.postmortem.meeting_within[`${incident.severity}`];
  const zone = config.business_hours.timezone;
  const due = DateTime.fromMillis((incident.resolvedAt ?? now) + durationMs(within), { zone });
  const opens = businessCalendar(config.business_hours).nextBusinessStart(due.startOf("day").toMillis());
  return { by: DateTime.fromMillis(opens, { zone }).setLocale("en").toFormat("ccc d LLL yyyy"), within };
}
