// Plain data the gateway reads from GitHub and hands to the pure core. No Octokit types cross this line.

export interface IssueSnapshot {
  number: number;
  title: string;
  body: string;
  url: string;
  state: "open" | "closed";
  author: string;
  createdAt: number;
  closedAt?: number;
  labels: string[];
  assignees: string[];
  isPullRequest: boolean;
}

export interface CommentSnapshot {
  id: number;
  author: string;
  body: string;
  createdAt: number;
  updatedAt: number;
  url: string;
  /** Count of 👍 reactions from anyone (the timeline's rollup). */
  plusOnes: number;
}

export interface ReferenceSource {
  number: number;
  title: string;
  url: string;
  isPullRequest: boolean;
  state: "open" | "closed";
  merged: boolean;
  mergedAt?: number;
  body: string;
  headRef?: string;
}

/** One entry of the issue timeline, in the core's terms. `seq` keeps GitHub's order for equal times. */
export type TimelineEvent =
  | { type: "labeled" | "unlabeled"; at: number; seq: number; actor: string; label: string }
  | { type: "assigned" | "unassigned"; at: number; seq: number; actor: string; assignee: string }
  | { type: "commented"; at: number; seq: number; actor: string; comment: CommentSnapshot }
  | { type: "closed" | "reopened"; at: number; seq: number; actor: string }
  | { type: "renamed"; at: number; seq: number; actor: string; from: string; to: string }
  | { type: "cross-referenced"; at: number; seq: number; actor: string; source: ReferenceSource };

/** Repository permission levels, weakest first (collaborators-permission API `role_name`). */
export const PERMISSION_ORDER = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type Permission = (typeof PERMISSION_ORDER)[number];

export function permits(actual: Permission | undefined, needed: Permission): boolean {
  return PERMISSION_ORDER.indexOf(actual ?? "none") >= PERMISSION_ORDER.indexOf(needed);
}
