/** The mustache templates a reconcile needs, bundled defaults overlaid with the repository's own. */
export interface Templates {
  board: string;
  checklist: string;
  refusal: string;
  help: string;
  gap: string;
  nudge: string;
  "notice-escalation": string;
  "notice-ack-breach": string;
  "notice-reminder": string;
  "notice-oncall": string;
  summary: string;
  postmortem: string;
  "followup-issue": string;
  "followup-deviation": string;
  "postmortem-pr": string;
  "freeze-announcement": string;
  message: string;
  "stakeholder-notice": string;
  "incident-report": string;
  "end-of-incident": string;
  "postmortem-shared": string;
  "notice-stakeholder": string;
  "release-announcement": string;
  [name: string]: string;
}

export const TEMPLATE_NAMES = [
  "board",
  "checklist",
  "refusal",
  "help",
  "gap",
  "nudge",
  "notice-escalation",
  "notice-ack-breach",
  "notice-reminder",
  "notice-oncall",
  "postmortem",
  "followup-issue",
  "followup-deviation",
  "freeze-announcement",
  "release-announcement",
  "postmortem-pr",
  "summary",
  "message",
  "stakeholder-notice",
  "incident-report",
  "end-of-incident",
  "postmortem-shared",
  "notice-stakeholder",
] as const;
