import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";

/** Whether the incident's severity calls for a post-mortem pull request (a false alarm never does). */
export function needsPostmortem(incident: Incident, config: Config): boolean {
  if (incident.state === "cancelled" || incident.cancelledAt !== undefined) return false;
  return config.severity.postmortem.includes(incident.severity);
}
