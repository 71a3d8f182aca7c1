import type { Ladder } from "../config/schema.js";
import type { Incident } from "../types.js";

/**
 * The first ladder whose condition fits the incident's current revenue flag and severity. `no_workaround`
 * is not part of the match: it decides when the chosen ladder stops (see escalationPlan).
 */
export function matchLadder(incident: Incident, ladders: readonly Ladder[]): Ladder | undefined {
  return ladders.find(
    ({ when }) =>
      (when.revenue === undefined || when.revenue === incident.revenue) &&
      (when.severities === undefined || when.severities.includes(incident.severity)),
  );
}
