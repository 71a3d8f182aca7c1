import type { Config, Severity } from "../config/schema.js";
import type { IncidentState } from "../types.js";

export interface LabelNames {
  incident: string;
  revenue: string;
  states: Record<IncidentState, string>;
  severity: (level: Severity) => string;
  /** The state a label stands for, if it is a state label. */
  stateOf: (label: string) => IncidentState | undefined;
  /** The severity a label stands for, if it is a severity label. */
  severityOf: (label: string) => Severity | undefined;
}

export function labelNames(config: Config): LabelNames {
  const l = config.labels;
  const states: Record<IncidentState, string> = {
    declared: l.declared,
    acknowledged: l.acknowledged,
    mitigated: l.mitigated,
    resolved: l.resolved,
    postmortem: l.postmortem_state,
    cancelled: l.cancelled,
  };
  const byName = new Map(
    Object.entries(states).map(([state, name]) => [name.toLowerCase(), state as IncidentState]),
  );
  return {
    incident: l.incident,
    revenue: l.revenue,
    states,
    severity: (level) => `${l.severity_prefix}${level}`,
    stateOf: (label) => byName.get(label.toLowerCase()),
    severityOf: (label) => {
      if (!label.toLowerCase().startsWith(l.severity_prefix.toLowerCase())) return undefined;
      const level = Number(label.slice(l.severity_prefix.length));
      return level >= 1 && level <= 4 && Number.isInteger(level) ? (level as Severity) : undefined;
    },
  };
}

/** What an issue's labels say about the incident: its state and severity labels, and revenue. */
export function readLabels(
  labels: readonly string[],
  names: LabelNames,
): { state?: IncidentState; severity?: Severity; revenue: boolean } {
  const state = labels.map((l) => names.stateOf(l)).find((s): s is IncidentState => s !== undefined);
  const severity = labels.map((l) => names.severityOf(l)).find((s): s is Severity => s !== undefined);
  const revenue = labels.some((l) => l.toLowerCase() === names.revenue.toLowerCase());
  return { ...(state ? { state } : {}), ...(severity ? { severity } : {}), revenue };
}
