import type { Config, Severity } from "../config/schema.js";
import { labelNames } from "../projection/labelNames.js";
import type { IncidentState } from "../types.js";
import { SETTLED_STATES } from "./activeFreezes.js";

/**
 * An incident's state and severity as its labels say them, read for the freeze. Between two label events
 * of one hand change (sev:2 → sev:1 adds one label and then removes the other) an issue carries two, so
 * the reading fails safe: the worst severity, and an unsettled state over a settled one.
 */
export function freezeReading(
  labels: readonly string[],
  config: Config,
): { state?: IncidentState; severity?: Severity } {
  const names = labelNames(config);
  const severities = labels.map((l) => names.severityOf(l)).filter((s): s is Severity => s !== undefined);
  const states = labels.map((l) => names.stateOf(l)).filter((s): s is IncidentState => s !== undefined);
  const severity = severities.length > 0 ? (Math.min(...severities) as Severity) : undefined;
  const state = states.find((s) => !SETTLED_STATES.has(s)) ?? states[0];
  return { ...(state ? { state } : {}), ...(severity ? { severity } : {}) };
}
