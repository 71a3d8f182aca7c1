import { businessCalendar } from "../calendar/businessCalendar.js";
import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";

/**
 * When a minor incident's clocks start, if it waits for the office: the holiday-coverage playbook needs no
 * night work on an alert that affects neither revenue nor site function, and the card waits for office
 * hours. Such an incident (a severity in `business_hours.minor_severities`, revenue not affected) declared
 * outside business hours starts its acknowledgement and escalation clocks, and is given to the on-call
 * engineer, when business hours next begin. Undefined for every other incident.
 */
export function waitsForOffice(incident: Incident, config: Config): number | undefined {
  if (incident.revenue || !config.business_hours.minor_severities.includes(incident.severity))
    return undefined;
  const calendar = businessCalendar(config.business_hours);
  if (calendar.isBusinessTime(incident.declaredAt)) return undefined;
  return calendar.nextBusinessStart(incident.declaredAt);
}

/** The moment the acknowledgement clock starts: the declaration, or the office opening for a waiting one. */
export function acknowledgeFrom(incident: Incident, config: Config): number {
  return waitsForOffice(incident, config) ?? incident.declaredAt;
}
