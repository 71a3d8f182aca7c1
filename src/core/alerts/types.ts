/** Where an alert came from; each has its own payload format and its own way to prove who sent it. */
export type AlertSource = "alertmanager" | "grafana" | "sentry" | "generic";

export const ALERT_SOURCES: readonly AlertSource[] = ["alertmanager", "grafana", "sentry", "generic"];

/** One alert, whatever its source said, in the terms an incident needs. */
export interface Alert {
  source: AlertSource;
  /** Identifies the alert across its repeats (namespaced by source). */
  fingerprint: string;
  /** Identifies this occurrence: a repeat of the same occurrence adds nothing. */
  occurrence: string;
  status: "firing" | "resolved";
  /** What fired, one line. */
  title: string;
  summary?: string;
  labels: Record<string, string>;
  /** The measured value, as the source shows it. */
  value?: string;
  startsAt?: number;
  endsAt?: number;
  links: Array<{ title: string; url: string }>;
}

export type ParsedAlerts = { ok: true; alerts: Alert[]; ignored?: string } | { ok: false; error: string };
