// Internal state. Records hold ids and logins, never rendered JSON: renderers build API shapes on demand,
// so a renamed label or an edited comment shows up everywhere at once, as on GitHub.
import type { KeyObject } from "node:crypto";
import type { Role } from "../types.js";

export type AccountType = "User" | "Bot" | "Organization";

export interface UserRecord {
  id: number;
  login: string;
  type: AccountType;
  createdAt: number;
  /** Organization logins (lower case) this user belongs to. */
  orgs: Set<string>;
}

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  /** Undefined for built-in apps (github-actions) that nobody authenticates as with a JWT. */
  publicKey?: KeyObject;
  ownerLogin: string;
  createdAt: number;
  botLogin: string;
}

export interface InstallationRecord {
  id: number;
  appId: number;
  accountLogin: string;
  /** Undefined = all of the account's repositories. */
  repoIds?: Set<number>;
  createdAt: number;
}

export interface TeamRecord {
  id: number;
  org: string;
  slug: string;
  name: string;
  members: Set<string>;
}

export interface CommitRecord {
  sha: string;
  treeSha: string;
  files: ReadonlyMap<string, string>;
  parents: string[];
  message: string;
  author: string;
  at: number;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}

export interface ReactionRecord {
  id: number;
  content: string;
  user: string;
  at: number;
}

export interface CommentRecord {
  id: number;
  repoId: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: number;
  updatedAt: number;
  reactions: ReactionRecord[];
  viaAppId?: number;
}

export interface TimelineRecord {
  id: number;
  event: string;
  actor: string;
  at: number;
  label?: { name: string; color: string };
  assignee?: string;
  rename?: { from: string; to: string };
  stateReason?: string | null;
  /** cross-referenced: where the mention was made. */
  source?: { repoId: number; number: number };
  commentId?: number;
  reviewId?: number;
  commitId?: string;
  requestedReviewer?: string;
  requestedTeam?: string;
  viaAppId?: number;
}

export interface ReviewRecord {
  id: number;
  user: string;
  body: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING" | "DISMISSED";
  commitId: string;
  at: number;
}

export interface PullRecord {
  headRef: string;
  headSha: string;
  baseRef: string;
  /** The base tip when the PR was opened or last synchronized (GitHub reports base.sha like this). */
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: number | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
  requestedTeams: string[];
  reviews: ReviewRecord[];
}

export interface IssueRecord {
  id: number;
  repoId: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: "open" | "closed";
  stateReason: string | null;
  labelIds: number[];
  assignees: string[];
  locked: boolean;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closedBy: string | null;
  commentIds: number[];
  reactions: ReactionRecord[];
  timeline: TimelineRecord[];
  viaAppId?: number;
  pull?: PullRecord;
}

export interface CheckRunRecord {
  id: number;
  repoId: number;
  suiteId: number;
  appId: number;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: number | null;
  completedAt: number | null;
  output: { title: string | null; summary: string | null; text: string | null };
  externalId: string | null;
  detailsUrl: string | null;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  defaultBranch: string;
  createdAt: number;
  updatedAt: number;
  pushedAt: number;
  /** "heads/main" → sha (without the "refs/" prefix, as GitHub's ref API paths). */
  refs: Map<string, string>;
  commits: Map<string, CommitRecord>;
  /** Lower-cased name → label. */
  labels: Map<string, LabelRecord>;
  issues: Map<number, IssueRecord>;
  nextNumber: number;
  /** Explicit collaborator roles, by lower-cased login. */
  roles: Map<string, Role>;
  /** Logins that authored commits (author_association CONTRIBUTOR). */
  contributors: Set<string>;
  requiredChecks: Map<string, Array<{ context: string; appId?: number }>>;
  /** `${appId}:${sha}` → check suite id. */
  checkSuites: Map<string, number>;
  /** Every ref move, oldest first: what GET /repos/{o}/{r}/activity lists (push times GitHub records). */
  activities: ActivityRecord[];
}

export interface ActivityRecord {
  id: number;
  /** "refs/heads/x". */
  ref: string;
  before: string;
  after: string;
  at: number;
  type: "push" | "force_push" | "branch_creation" | "branch_deletion" | "pr_merge";
  actor: string;
}

export type Identity =
  | { kind: "user"; login: string }
  | { kind: "installation"; login: string; installationId: number; appId: number; repoIds?: number[] }
  | { kind: "actions"; login: string; repoId: number; appId: number }
  | { kind: "app"; appId: number }
  | { kind: "anonymous" };

export interface TokenRecord {
  identity: Identity;
  /** Simulator-clock expiry, epoch ms. */
  expiresAt?: number;
}

/** A workflow run's job waiting on an environment whose custom protection rule is an App's. */
export interface DeploymentRunRecord {
  runId: number;
  deploymentId: number;
  repoId: number;
  appId: number;
  environment: string;
  ref: string;
  sha: string;
  /** The workflow event that started the run ("push", "workflow_dispatch", …). */
  event: string;
  creator: string;
  createdAt: number;
  /** "waiting" until the App approves or rejects; a comment-only review leaves it waiting. */
  state: "waiting" | "approved" | "rejected";
  reviews: Array<{ state?: "approved" | "rejected"; comment?: string; by: string; at: number }>;
}

export interface ReleaseRecord {
  id: number;
  repoId: number;
  tagName: string;
  targetCommitish: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: number;
  publishedAt?: number;
  updatedAt: number;
}

export interface MilestoneRecord {
  id: number;
  repoId: number;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  dueOn?: number;
  creator: string;
  createdAt: number;
  updatedAt: number;
  closedAt?: number;
}
