import type { Incident } from "../types.js";

/**
 * Whether the incident is over for the clocks (resolved, in post-mortem, cancelled or closed) and since
 * when. `at` is the earliest recorded end; it is undefined when the state says "over" but no moment was
 * recorded (a label set by hand on an incident the projection has no time for).
 */
export function incidentEnd(incident: Incident): { at: number | undefined } | undefined {
  const candidates: Array<number | undefined> = [];
  if (incident.state === "resolved" || incident.state === "postmortem") {
    candidates.push(incident.resolvedAt, incident.postmortemAt);
  }
  if (incident.state === "cancelled") candidates.push(incident.cancelledAt);
  if (!incident.open) candidates.push(incident.closedAt, incident.resolvedAt, incident.cancelledAt);
  if (candidates.length === 0) return undefined;
  return { at: earliest(candidates) };
}

export function earliest(moments: ReadonlyArray<number | undefined>): number | undefined {
  let found: number | undefined;
  for (const moment of moments) {
    if (moment !== undefined && (found === undefined || moment < found)) found = moment;
  }
  return found;
}
