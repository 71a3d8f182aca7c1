import type { FreezeHold } from "./freeze/freezeHold.js";
import type { Severity } from "./config/schema.js";
import type { Delivery } from "./channels/types.js";
import type { FreezePeriod } from "./freeze/types.js";

export type { Severity } from "./config/schema.js";

// Times are epoch milliseconds throughout the core. Logins are plain ("alice"), never "@alice".

export type IncidentState =
  "declared" | "acknowledged" | "mitigated" | "resolved" | "postmortem" | "cancelled";

/** The answers of the incident issue form, as typed (raw user text; neutralise before echoing). */
export interface IncidentForm {
  summary?: string;
  severity?: Severity;
  applications?: string;
  businessImpact?: string;
  evidence?: string;
  revenue?: "yes" | "no" | "unknown";
  reproduce?: string;
  /** "When did it start?" as typed, and parsed when it could be. */
  startedText?: string;
  startedAt?: number;
  /** Why "When did it start?" could not be read as a time (the answer is reported, not dropped). */
  startedProblem?: string;
}

/** Something a person wrote into the incident's journal through a command. */
export interface JournalEntry {
  at: number;
  by: string;
  text: string;
  /** The comment that carried it (for links). */
  commentId?: number;
}

export interface StatusUpdate extends JournalEntry {
  /** When the author promised the next update (from `next <duration>`). */
  nextDueAt?: number;
}

export type TimelineKind =
  | "declared"
  | "state"
  | "severity"
  | "impact"
  | "role"
  | "update"
  | "note"
  | "deviation"
  | "workaround"
  | "resolution"
  | "started"
  | "cancel"
  | "label"
  | "assignment"
  | "pull-request"
  | "escalation"
  | "breach"
  | "reminder"
  | "freeze-exception"
  | "alert"
  | "postmortem"
  | "closed"
  | "reopened"
  | "edited"
  | "freeze-held";

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  /** Who did it; absent for the bot's clock-driven entries. */
  actor?: string;
  /** Raw text (may contain user input): renderers neutralise it. */
  text: string;
  url?: string;
}

export interface LinkedPullRequest {
  number: number;
  title: string;
  url: string;
  state: "open" | "closed" | "merged";
  at: number;
  mergedAt?: number;
  /** Title or branch says it reverts something. */
  revert: boolean;
}

/** A state the data does not back up, e.g. resolved by label with no resolution journaled. */
export interface Gap {
  kind:
    | "resolved-without-resolution"
    | "mitigated-without-workaround"
    | "no-lead"
    | "comms-is-lead"
    | "postmortem-closed-unmerged"
    | "postmortem-failed"
    | "closed-unresolved"
    | "freeze-held";
  since: number;
  message: string;
}

/** A notice the bot already posted (escalation step, acknowledgement breach, update reminder). */
export interface PostedNotice {
  kind: "escalation" | "ack-breach" | "reminder";
  /** Marker key: escalation "ladder:stepIndex", ack-breach "ack", reminder the ISO due time. */
  keys: string[];
  at: number;
  commentId: number;
}

export interface FreezeException {
  at: number;
  by: string;
  /** The pull request, or for a deployment the commit's hold issue. */
  pullRequest: number;
  sha: string;
  reason: string;
  granted: boolean;
  /** An exception to deploy a commit during a freeze (not to merge a pull request). */
  deploy?: boolean;
}

export interface PostmortemLink {
  number: number;
  url: string;
  state: "open" | "closed" | "merged";
  path: string;
  openedAt: number;
  mergedAt?: number;
}

/** The projection of one incident issue: everything Expedite shows is computed from this. */
export interface Incident {
  number: number;
  title: string;
  url: string;
  open: boolean;
  state: IncidentState;
  severity: Severity;
  /** Whether the severity came from someone (form, label, command) or the config default. */
  severitySet: boolean;
  revenue: boolean;
  /** Revenue is treated as affected only because the report said "unknown" (escalation.unknown_revenue). */
  revenueAssumed?: boolean;
  declaredAt: number;
  declaredBy?: string;
  /** When the problem began: /started, else the form's answer, else the declaration. */
  startedAt: number;
  /**
   * The form's "When did it start?" answer could not be used (unreadable, or after the declaration) and
   * nobody has typed `/started` since: the board and one reply say so.
   */
  unreadStart?: { text: string; reason: string };
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  mitigatedAt?: number;
  resolvedAt?: number;
  postmortemAt?: number;
  cancelledAt?: number;
  closedAt?: number;
  lead?: string;
  /** People who led and were replaced with `/lead`: the plan takes them off the assignees. */
  replacedLeads?: string[];
  /** On-call engineers a person unassigned by hand while they led: the roster does not reassign them. */
  rosterDismissed?: string[];
  comms?: string;
  /** Extra roles: role name → logins. */
  roles: Record<string, string[]>;
  workaround?: JournalEntry;
  resolution?: JournalEntry;
  cancelReason?: JournalEntry;
  updates: StatusUpdate[];
  notes: JournalEntry[];
  deviations: JournalEntry[];
  form: IncidentForm;
  pullRequests: LinkedPullRequest[];
  freezeExceptions: FreezeException[];
  /** When the incident froze merges and deploys (replayed from its timeline), oldest first. */
  freezePeriods?: FreezePeriod[];
  postmortem?: PostmortemLink;
  /** Why the post-mortem pull request could not be opened (shown on the board until it can). */
  postmortemError?: string;
  /** Issues opened from the post-mortem's unticked action items. */
  followups: Array<{ number: number; url: string; title: string }>;
  notices: PostedNotice[];
  /** `/announce` requests: the stakeholder notice, sent now to these channels (empty: the routed ones). */
  announcements?: Array<{ at: number; by: string; commentId?: number; channels: string[] }>;
  /** Messages sent beyond GitHub (chat, e-mail, pages, webhooks), as recorded on the issue. */
  deliveries?: Delivery[];
  /**
   * The incident's freeze is kept in force although its labels or open state no longer call for it: the
   * change that lifted it was made by hand by someone without the role to lift it. Set by the projection
   * (with `freezeHold`) and by the freeze checks from the hold label.
   */
  freezeHeld?: boolean;
  freezeHold?: FreezeHold;
  gaps: Gap[];
  timeline: TimelineEntry[];
}
