import type { Config } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";
import type { Incident, StatusUpdate } from "../types.js";
import { incidentEnd } from "./incidentEnd.js";
import { acknowledgeFrom } from "./waitsForOffice.js";

export interface UpdateDue {
  dueAt: number;
  /** True when the time comes from an update's own `next <duration>` rather than the severity cadence. */
  promised: boolean;
}

/**
 * When the next status update is owed: what the latest update promised, otherwise the severity's cadence
 * counted from that update (or, before the first one, from the declaration, or the office opening for a minor
 * incident that waits for it). Nothing is owed once the incident
 * is over.
 */
export function nextUpdateDue(incident: Incident, config: Config): UpdateDue | undefined {
  if (incidentEnd(incident)) return undefined;
  const last = latestUpdate(incident.updates);
  if (last?.nextDueAt !== undefined) return { dueAt: last.nextDueAt, promised: true };
  const cadence = config.updates.cadence[`${incident.severity}`];
  return { dueAt: (last?.at ?? acknowledgeFrom(incident, config)) + durationMs(cadence), promised: false };
}

// The projection appends in timeline order, but the clock should not depend on that.
function latestUpdate(updates: readonly StatusUpdate[]): StatusUpdate | undefined {
  let latest: StatusUpdate | undefined;
  for (const update of updates) if (!latest || update.at >= latest.at) latest = update;
  return latest;
}
