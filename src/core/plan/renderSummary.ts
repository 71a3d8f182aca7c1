import type { Config } from "../config/schema.js";
import { needsPostmortem } from "../postmortem/needsPostmortem.js";
import type { Incident } from "../types.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { neutralizeBlock, neutralizeInline } from "../text/neutralize.js";
import { formatDuration, formatTime } from "../time/formatTime.js";

/** The end-of-incident summary, posted once at resolution whatever the severity. */
export function renderSummary(template: string, incident: Incident, config: Config): string {
  const zone = config.business_hours.timezone;
  const end = incident.resolvedAt ?? incident.declaredAt;
  return renderTemplate(template, {
    number: incident.number,
    severity: incident.severity,
    what: neutralizeBlock(incident.form.summary ?? incident.title, 1500),
    impact: neutralizeInline(incident.form.businessImpact ?? "", 800) || "_not recorded_",
    applications: neutralizeInline(incident.form.applications ?? "", 500) || "_not recorded_",
    start: formatTime(incident.startedAt, zone),
    end: formatTime(end, zone),
    duration: formatDuration(end - incident.startedAt),
    workaround: incident.workaround ? neutralizeInline(incident.workaround.text, 800) : undefined,
    resolution: neutralizeBlock(incident.resolution?.text ?? "", 2000),
    next: [...incident.notes, ...incident.deviations].map((n) => ({ text: neutralizeInline(n.text, 300) })),
    hasNext: incident.notes.length + incident.deviations.length > 0,
    postmortem: needsPostmortem(incident, config),
  });
}
