import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";

export interface ChecklistItem {
  id: string;
  phase: "now" | "during" | "after";
  text: string;
  /** Severities the item applies to; absent = all. */
  severities?: number[];
  /** A fact the bot can see. Items without one are ticked by people, and their ticks are kept. */
  fact?: (incident: Incident, config: Config) => boolean;
}

const isResolved = (i: Incident) => i.state === "resolved" || i.state === "postmortem";

// The steps the playbooks ask for, in the order a responder meets them.
export const CHECKLIST_ITEMS: readonly ChecklistItem[] = [
  {
    id: "lead",
    phase: "now",
    text: "One person leads (`/ack` or `/lead @someone`)",
    fact: (i) => i.lead !== undefined,
  },
  {
    id: "ack",
    phase: "now",
    text: "Acknowledged in writing, so the time is on record (`/ack`)",
    fact: (i) => i.acknowledgedAt !== undefined,
  },
  {
    id: "comms",
    phase: "now",
    text: "A communicator who is not the lead keeps people informed (`/comms @someone`)",
    fact: (i, c) => i.comms !== undefined && (c.roles.allow_lead_as_comms || i.comms !== i.lead),
  },
  { id: "severity", phase: "now", text: "Severity chosen (`/sev <1-4>`)", fact: (i) => i.severitySet },
  {
    id: "call",
    phase: "now",
    text: "Call or video link posted so responders are in one room",
    severities: [1, 2],
  },
  { id: "support", phase: "now", text: "Support team told what customers are seeing" },
  {
    id: "delvers",
    phase: "during",
    text: "Someone digs into the cause (`/role investigator @someone`)",
    severities: [1, 2],
    fact: (i) => (i.roles.investigator?.length ?? 0) > 0,
  },
  {
    id: "fixers",
    phase: "during",
    text: "Someone works on limiting the impact right now (`/role fixer @someone`)",
    severities: [1, 2],
    fact: (i) => (i.roles.fixer?.length ?? 0) > 0,
  },
  {
    id: "first-update",
    phase: "during",
    text: "First status update posted (`/update … next 30m`)",
    fact: (i) => i.updates.length > 0,
  },
  {
    id: "stakeholders",
    phase: "during",
    text: "Stakeholder notice sent within 24 hours",
    severities: [1, 2],
  },
  {
    id: "affected-told",
    phase: "during",
    text: "Affected customers or partners told the problem is known",
    severities: [1, 2],
  },
  {
    id: "workaround",
    phase: "during",
    text: "Workaround recorded (`/mitigate <what is in place>`)",
    fact: (i) => i.workaround !== undefined,
  },
  { id: "workaround-told", phase: "during", text: "Affected parties told about the workaround" },
  { id: "deploy", phase: "during", text: "Fix shipped the usual way, with a rollback ready" },
  { id: "metric", phase: "after", text: "The metric that raised the alarm is back to normal" },
  {
    id: "resolution",
    phase: "after",
    text: "Resolution journaled (`/resolve <what was wrong and what fixed it>`)",
    fact: (i) => i.resolution !== undefined,
  },
  { id: "resolution-told", phase: "after", text: "Everyone who heard about the incident hears it is over" },
  {
    id: "deviations",
    phase: "after",
    text: "Shortcuts taken are recorded and justified (`/deviation <why>`), so they become tracked debt",
  },
  {
    id: "postmortem",
    phase: "after",
    text: "Post-mortem opened for review",
    fact: (i, c) => i.postmortem !== undefined && c.severity.postmortem.includes(i.severity) && isResolved(i),
  },
];

export function checklistFor(incident: Incident, config: Config): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((item) => {
    if (item.id === "postmortem") return config.severity.postmortem.includes(incident.severity);
    return item.severities === undefined || item.severities.includes(incident.severity);
  });
}
