import type { ActiveFreeze } from "../freeze/types.js";

/** An approver's `/freeze-exception` on a commit's hold issue: it lets that commit deploy. */
export interface DeployGrant {
  sha: string;
  by: string;
  /** When the approver asked: it covers only the freezes already in force then. */
  at: number;
  reason: string;
  /** The request that made it: "<comment id>.<line>". */
  request: string;
}

/** An approver's grant that counts no more: its comment was edited (by whoever; the API does not say). */
export interface VoidedGrant {
  by: string;
  at: number;
  editedAt: number;
}

export interface DeployVerdict {
  decision: "approve" | "hold";
  branch: string;
  /** Every freeze in force on the branch, including those the grant lets the commit through. */
  freezes: ActiveFreeze[];
  /** The freezes that hold this commit back (empty when approved). */
  blocking: ActiveFreeze[];
  grant?: DeployGrant;
  /** One line for logs and titles. */
  headline: string;
  /** Markdown: the freezes and what to do about them. */
  details: string;
}
