import picomatch from "picomatch";
import type { AlertRoute, Config, Severity } from "../config/schema.js";
import type { Alert } from "./types.js";

export interface AlertRouting {
  /** "owner/name"; undefined = the repository whose configuration routed it. */
  repository?: string;
  severity: Severity;
  revenue?: boolean;
  applications?: string;
  /** Which route matched (its position), for logs; undefined = none did. */
  route?: number;
}

function matches(route: AlertRoute, alert: Alert): boolean {
  if (route.source && route.source !== alert.source) return false;
  return Object.entries(route.match).every(([label, glob]) => {
    const value = alert.labels[label];
    return value !== undefined && picomatch.isMatch(value, glob, { dot: true });
  });
}

/**
 * Where an alert goes and what it declares: the first route whose labels all match decides; severity
 * falls back to the alert's own severity label, then to the configured default.
 */
export function routeAlert(alert: Alert, config: Config): AlertRouting {
  const index = config.alerts.routes.findIndex((route) => matches(route, alert));
  const route = index >= 0 ? config.alerts.routes[index] : undefined;
  const labelled = alert.labels[config.alerts.severity_label];
  const fromLabel =
    labelled === undefined ? undefined : config.alerts.severity_values[labelled.toLowerCase()];
  const severity = (route?.severity ?? fromLabel ?? config.severity.default) as Severity;
  return {
    ...(route?.repository ? { repository: route.repository } : {}),
    severity,
    ...(route?.revenue !== undefined ? { revenue: route.revenue } : {}),
    ...(route?.applications ? { applications: route.applications } : {}),
    ...(index >= 0 ? { route: index } : {}),
  };
}
