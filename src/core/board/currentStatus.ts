import type { Config } from "../config/schema.js";
import { nextUpdateDue } from "../clocks/nextUpdateDue.js";
import { STATE_TITLES } from "../stateTitles.js";
import { formatTime } from "../time/formatTime.js";
import type { Incident } from "../types.js";

/**
 * The stakeholder table's "Current status" (playbook 004): the latest update with its time, and when the
 * next one comes — the time it promised, or the severity's cadence. The same words on the board and in
 * every message; `clip` makes the person's text safe for where it goes.
 */
export function currentStatus(incident: Incident, config: Config, clip: (text: string) => string): string {
  const zone = config.business_hours.timezone;
  let latest: Incident["updates"][number] | undefined;
  for (const update of incident.updates) if (!latest || update.at >= latest.at) latest = update;
  const said = latest
    ? `${formatTime(latest.at, zone)}: ${clip(latest.text)}`
    : `${incident.state === "declared" ? "Investigating" : STATE_TITLES[incident.state]}; no update posted yet`;
  const next = nextUpdateDue(incident, config);
  if (next === undefined) return said;
  return `${said} — next update ${next.promised ? "promised" : "due"} by ${formatTime(next.dueAt, zone)}`;
}
