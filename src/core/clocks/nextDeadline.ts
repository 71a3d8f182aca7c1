import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { acknowledgeDeadline } from "./acknowledgeDeadline.js";
import { isAcknowledged } from "./acknowledgedAt.js";
import { escalationPlan } from "./escalationPlan.js";
import { incidentEnd } from "./incidentEnd.js";
import { nextUpdateDue } from "./nextUpdateDue.js";

/**
 * The next moment after `now` at which one of the incident's clocks comes due (acknowledgement, an
 * escalation step, a status update), or undefined when none is ahead. A runtime that wakes the incident up
 * then fires each notice on time, however many repositories its sweeps have to cover.
 */
export function nextDeadline(incident: Incident, config: Config, now: number): number | undefined {
  if (incidentEnd(incident)) return undefined;
  const ahead: number[] = [];
  if (!isAcknowledged(incident)) ahead.push(acknowledgeDeadline(incident.declaredAt, config).dueAt);
  for (const step of escalationPlan(incident, config, now).steps)
    if (step.state === "pending") ahead.push(step.dueAt);
  const update = nextUpdateDue(incident, config);
  if (update) ahead.push(update.dueAt);
  const future = ahead.filter((at) => at > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}
