// The data the freeze core works on. Plain values only: the gateway fills them in from the API and the
// reconcilers pass them here with the clock, so every answer is a pure function of its input.

/** A manual freeze, opened by `/freeze <until> <reason>` as a bot-authored `code-freeze` issue. */
export interface FreezeIssue {
  number: number;
  url: string;
  reason: string;
  /** When the freeze lifts by itself; undefined = only when the issue is closed. */
  until?: number;
  /** Base-branch globs; [] = the branches `freeze.branches` covers (the default branch unless configured). */
  branches: string[];
  openedBy: string;
  openedAt: number;
  closedAt?: number;
  /** A hold record: Expedite opened it to keep the freeze of this issue in force (holdRecord.ts). */
  heldFor?: number;
}

/** One span during which an incident froze merges and deploys; open-ended while it still does. */
export interface FreezePeriod {
  startedAt: number;
  endedAt?: number;
}

/** A `/freeze-exception` on a pull request: a request, or a grant by someone allowed to approve. */
export interface ExceptionRecord {
  pullRequest: number;
  /** The head SHA the request or grant was made for. */
  sha: string;
  by: string;
  at: number;
  reason: string;
  /** false = request only (not from an approver, or edited); it lets nothing through. */
  granted: boolean;
  /** An approver's grant that no longer counts because its comment was edited at this time. */
  editedAt?: number;
  /** The request that made it: "<comment id>.<line>". */
  request?: string;
}

export interface PullRequestFacts {
  number: number;
  base: string;
  headSha: string;
  title: string;
  body: string;
  labels: string[];
  /** Changed paths; undefined = unknown (not fetched, or the list was truncated). */
  files?: string[];
  exceptions: ExceptionRecord[];
  /** Incident numbers the PR refers to (closing keywords, #refs); computed by the caller. */
  referencedIncidents: number[];
  /** The `incident-fix` label is on the PR but was added by someone without the freeze permission. */
  untrustedFixLabel?: { by: string };
}

export type FreezeKind = "window" | "weekly" | "closure" | "incident" | "manual";

export interface ActiveFreeze {
  kind: FreezeKind;
  name: string;
  startedAt: number;
  /** undefined = until something happens (the incident is resolved, the freeze issue is closed). */
  endsAt?: number;
  link?: string;
  incident?: number;
  issue?: number;
  reason?: string;
}

export interface FreezeVerdict {
  conclusion: "success" | "failure";
  title: string;
  /** Markdown for the check run's output; mentions are defused so it notifies nobody. */
  summary: string;
  /** Every freeze in force on the base branch, including those this PR is let through. */
  freezes: ActiveFreeze[];
  /** The grant that let the PR through one or more freezes. */
  exception?: ExceptionRecord;
  /** The incident whose freeze the PR passes as its fix. */
  hotfixFor?: number;
}
