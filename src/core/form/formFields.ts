import type { IncidentForm } from "../types.js";

// The single source of the incident form's wording. `.github/ISSUE_TEMPLATE/incident.yml` repeats these
// labels and options (YAML cannot import), and a unit test fails if the two drift apart, because GitHub
// renders each answer under its label and parseIssueForm finds answers by label.

export const FORM_TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/incident.yml";
export const FORM_TITLE_PREFIX = "[Incident] ";
/** What GitHub writes under a label the reporter left empty. */
export const NO_RESPONSE = "_No response_";

export const SEVERITY_OPTIONS = [
  "SEV1 – Critical: most customers cannot use a core flow (checkout, booking, sign-in) or revenue is being lost, and there is no workaround",
  "SEV2 – Major: a core flow is broken or badly slowed for many customers, or revenue is at risk; any workaround is partial",
  "SEV3 – Minor: something is degraded for some customers, a reasonable workaround exists, no direct revenue loss",
  "SEV4 – Low: cosmetic, internal only, or a handful of people affected; can wait for working hours",
] as const;

export const REVENUE_OPTIONS = { yes: "Yes", no: "No", unknown: "Unknown" } as const;

export interface FormField {
  /** The YAML `id`, stable across rewording. */
  id: string;
  /** The YAML `label`: the heading GitHub puts above the answer in the issue body. */
  label: string;
  /** Which IncidentForm answer it fills. */
  key: keyof IncidentForm;
  type: "input" | "textarea" | "dropdown";
  options?: readonly string[];
}

export const FORM_FIELDS: readonly FormField[] = [
  { id: "summary", label: "Summary", key: "summary", type: "textarea" },
  { id: "severity", label: "Severity", key: "severity", type: "dropdown", options: SEVERITY_OPTIONS },
  { id: "applications", label: "Applications impacted", key: "applications", type: "input" },
  { id: "business-impact", label: "Business / customer impact", key: "businessImpact", type: "textarea" },
  { id: "evidence", label: "Evidence", key: "evidence", type: "textarea" },
  {
    id: "revenue",
    label: "Revenue affected",
    key: "revenue",
    type: "dropdown",
    options: Object.values(REVENUE_OPTIONS),
  },
  { id: "reproduce", label: "Steps to reproduce", key: "reproduce", type: "textarea" },
  { id: "started", label: "When did it start?", key: "startedText", type: "input" },
];
