import { DateTime } from "luxon";
import type { Incident } from "../types.js";

// A Mermaid gantt chart of how long each phase of the response lasted. Gantt rather than `timeline`
// because timeline uses ":" to separate a period from its events, and every clock time has one.
//
// Mermaid reads the dates below as wall-clock times with no zone, so we write them already converted to
// the team's zone: the axis then reads in the zone the responders lived the incident in.

interface Phase {
  id: string;
  label: string;
  at: number;
}

const DATE_FORMAT = "yyyy-MM-dd HH:mm:ss"; // luxon tokens
const MERMAID_DATE_FORMAT = "YYYY-MM-DD HH:mm:ss"; // the same layout in Mermaid's (dayjs) tokens
const DAY_MS = 86_400_000;

/** A ```mermaid block of the phases began → declared → acknowledged → mitigated → resolved. */
export function phaseChart(incident: Incident, zone: string): string {
  const phases = knownPhases(incident);
  const stamp = (at: number) => DateTime.fromMillis(at, { zone }).toFormat(DATE_FORMAT);
  const first = phases[0];
  const last = phases[phases.length - 1];
  const span = first && last ? last.at - first.at : 0;

  const lines = [
    "```mermaid",
    "gantt",
    `    title ${mermaidLabel(`Incident ${incident.number} phases, times in ${zone}`)}`,
    `    dateFormat ${MERMAID_DATE_FORMAT}`,
    // Long incidents need the day on the axis; short ones read better with the time alone.
    `    axisFormat ${span >= DAY_MS ? "%m-%d %H:%M" : "%H:%M"}`,
    // The chart is about the incident, not about the day someone happens to read it.
    "    todayMarker off",
  ];
  if (phases.length >= 2) {
    lines.push("    section Phases");
    for (let i = 1; i < phases.length; i++) {
      const from = phases[i - 1] as Phase;
      const to = phases[i] as Phase;
      lines.push(
        `    ${mermaidLabel(`${from.label} to ${to.label.toLowerCase()}`)} :done, ${from.id}_${to.id}, ${stamp(from.at)}, ${stamp(to.at)}`,
      );
    }
  }
  if (phases.length > 0) {
    lines.push("    section Milestones");
    for (const phase of phases) {
      lines.push(`    ${mermaidLabel(phase.label)} :milestone, ${phase.id}, ${stamp(phase.at)}, 0d`);
    }
  }
  lines.push("```");
  return lines.join("\n");
}

/** Phases with a recorded time, in response order. Times are clamped so a bar never runs backwards. */
function knownPhases(incident: Incident): Phase[] {
  const candidates: Array<{ id: string; label: string; at: number | undefined }> = [
    // Only shown apart from the declaration when someone said the problem began earlier.
    {
      id: "began",
      label: "Problem began",
      at: incident.startedAt < incident.declaredAt ? incident.startedAt : undefined,
    },
    { id: "declared", label: "Declared", at: incident.declaredAt },
    { id: "acknowledged", label: "Acknowledged", at: incident.acknowledgedAt },
    { id: "mitigated", label: "Mitigated", at: incident.mitigatedAt },
    { id: "resolved", label: "Resolved", at: incident.resolvedAt },
  ];
  const phases: Phase[] = [];
  let floor = -Infinity;
  for (const { id, label, at } of candidates) {
    if (at === undefined || Number.isNaN(new Date(at).getTime())) continue;
    // Labels can be added in any order (a workaround before the /ack); keep the chart monotonic.
    const clamped = Math.max(at, floor);
    floor = clamped;
    phases.push({ id, label, at: clamped });
  }
  return phases;
}

/** Mermaid gantt text may not contain ":" (starts task data), "#" (entity escapes), ";" or line breaks. */
export function mermaidLabel(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/:/g, " -")
    .replace(/#/g, "no. ")
    .replace(/;/g, ",")
    .replace(/%%/g, "%")
    .replace(/\s+/g, " ")
    .trim();
}
