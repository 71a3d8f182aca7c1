import type { Incident } from "../types.js";
import { earliest } from "./incidentEnd.js";

/**
 * When the incident was acknowledged. Someone who mitigated, resolved or cancelled it without an explicit
 * /ack was plainly on it, so the first of those moments stands in for the acknowledgement.
 */
export function acknowledgedAt(incident: Incident): number | undefined {
  if (incident.acknowledgedAt !== undefined) return incident.acknowledgedAt;
  return earliest([
    incident.mitigatedAt,
    incident.resolvedAt,
    incident.postmortemAt,
    incident.cancelledAt,
    incident.closedAt,
  ]);
}

/** Acknowledged by now: a recorded moment, or a state past "declared" even when no moment was recorded. */
export function isAcknowledged(incident: Incident): boolean {
  return acknowledgedAt(incident) !== undefined || incident.state !== "declared" || !incident.open;
}
