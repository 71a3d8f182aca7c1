import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";

/** Whether the incident's severity calls for a post-mortem pull request (a false alarm never does). */
export function needsPostmortem(incident: Incident, config: Config): boolean {
  if (incident.state === "cancelled" || incident.cancelledAt !== undefined) return false;
  return config.severity.postmortem.includes(incident.severity);
}

/** Whether the post-mortem pull request should exist now: resolved, at a severity that needs one. */
export function postmortemDue(incident: Incident, config: Config): boolean {
  return (
    (incident.state === "resolved" || incident.state === "postmortem") && needsPostmortem(incident, config)
  );
}
