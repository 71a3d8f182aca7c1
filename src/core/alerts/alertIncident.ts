import type { Config } from "../config/schema.js";
import { FORM_FIELDS, NO_RESPONSE, REVENUE_OPTIONS, SEVERITY_OPTIONS } from "../form/formFields.js";
import { renderMarker } from "../markers.js";
import { neutralize, neutralizeInline } from "../text/neutralize.js";
import { formatTime } from "../time/formatTime.js";
import type { AlertRouting } from "./routeAlert.js";
import type { Alert } from "./types.js";

const SOURCE_NAMES: Record<Alert["source"], string> = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana alerting",
  sentry: "Sentry",
  generic: "a monitor",
};

/**
 * The incident an alert declares: the issue form's answers filled in from the alert (so the board and
 * the post-mortem read it like a form a person filled in), with the alert's identity in a hidden marker.
 */
export function alertIncident(
  alert: Alert,
  routing: AlertRouting,
  config: Config,
  now: number,
): { title: string; body: string; labels: string[] } {
  const zone = config.business_hours.timezone;
  const started = alert.startsAt ?? now;
  const answers: Record<string, string> = {
    summary: [
      neutralizeInline(alert.title, 300),
      alert.summary ? neutralize(alert.summary.slice(0, 2000)) : "",
    ]
      .filter((s) => s !== "")
      .join("\n\n"),
    severity: SEVERITY_OPTIONS[routing.severity - 1] ?? "",
    applications: neutralizeInline(
      routing.applications ?? alert.labels.service ?? alert.labels.job ?? "",
      200,
    ),
    "business-impact": "",
    evidence: evidenceLines(alert, zone).join("\n"),
    revenue:
      routing.revenue === undefined
        ? REVENUE_OPTIONS.unknown
        : routing.revenue
          ? REVENUE_OPTIONS.yes
          : REVENUE_OPTIONS.no,
    reproduce: "",
    started: new Date(started).toISOString(),
  };
  const sections = FORM_FIELDS.map(
    (field) =>
      `### ${field.label}\n\n${answers[field.id] === "" || answers[field.id] === undefined ? NO_RESPONSE : answers[field.id]}`,
  );
  const marker = renderMarker("alert", { fingerprint: alert.fingerprint, occurrence: alert.occurrence });
  const intro = `_Declared by Expedite from an alert sent by ${SOURCE_NAMES[alert.source]} at ${formatTime(now, zone)}. Repeats of this alert add evidence here._`;
  const labels = [
    config.labels.incident,
    config.labels.alert,
    `${config.labels.severity_prefix}${routing.severity}`,
  ];
  if (routing.revenue === true) labels.push(config.labels.revenue);
  return {
    title: `[Incident] ${neutralizeInline(alert.title, 200).replace(/\\\|/g, "|")}`,
    body: [marker, intro, "", ...sections.join("\n\n").split("\n")].join("\n"),
    labels,
  };
}

/** What fired, its value, where to look: the evidence a responder needs in minute one. */
export function evidenceLines(alert: Alert, zone: string): string[] {
  const labels = Object.entries(alert.labels)
    .slice(0, 20)
    .map(([k, v]) => `\`${neutralizeInline(`${k}=${v}`, 120).replace(/`/g, "'")}\``)
    .join(", ");
  return [
    `- **What fired:** ${neutralizeInline(alert.title, 300)} (${SOURCE_NAMES[alert.source]}, ${alert.status})`,
    ...(alert.value ? [`- **Value:** ${neutralizeInline(alert.value, 300)}`] : []),
    ...(alert.startsAt !== undefined ? [`- **Since:** ${formatTime(alert.startsAt, zone)}`] : []),
    ...(labels ? [`- **Labels:** ${labels}`] : []),
    ...(alert.links.length > 0
      ? [
          `- **Links:** ${alert.links.map((l) => `[${neutralizeInline(l.title, 60).replace(/[[\]]/g, "")}](${linkTarget(l.url)})`).join(" · ")}`,
        ]
      : []),
  ];
}

/** A URL safe inside a markdown link: percent-encoded, with the parentheses that would end it escaped. */
function linkTarget(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // Already-encoded or malformed escapes: keep the text as given and encode what must be.
  }
  return encodeURI(decoded).replace(/\(/g, "%28").replace(/\)/g, "%29");
}

/** The comment a repeat (a new occurrence) or a resolution of the alert adds to its open incident. */
export function alertEvidenceComment(alert: Alert, config: Config, now: number): string {
  const zone = config.business_hours.timezone;
  const marker = renderMarker("alert-evidence", {
    fingerprint: alert.fingerprint,
    occurrence: alert.occurrence,
    status: alert.status,
  });
  const head =
    alert.status === "resolved"
      ? `🟢 The alert **resolved**${alert.endsAt !== undefined ? ` at ${formatTime(alert.endsAt, zone)}` : ""} (recorded ${formatTime(now, zone)}). The incident stays open until a responder resolves it.`
      : `🔴 The alert **fired again** (recorded ${formatTime(now, zone)}).`;
  return [marker, head, "", ...evidenceLines(alert, zone)].join("\n");
}
