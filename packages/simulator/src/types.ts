// The simulator's public contract. Tests and the demo code against exactly these names.

export type Role = "read" | "triage" | "write" | "maintain" | "admin";

export interface SimulatorOptions {
  /**
   * Refuse requests past the hourly rate limit (default true, as GitHub does). Benchmarks that measure how
   * far a workload goes past the limit turn it off; the x-ratelimit headers still count.
   */
  enforceRateLimits?: boolean;
  /** Epoch ms for created_at, token expiry, JWT checks and the Date header; default Date.now. */
  clock?: () => number;
  /** OpenAPI validation of requests and responses; default true. */
  validate?: boolean;
  /** Where signed deliveries go; also settable later with setWebhook. */
  webhook?: WebhookTarget;
  /** GitHub Apps known to the simulator (their JWTs are verified with publicKeyPem). */
  apps?: AppDefinition[];
  /** RNG seed for webhook faults; default 1. */
  seed?: number;
  /** Default 0 (a random free port). */
  port?: number;
  /** Installation token lifetime on the simulator clock; default one hour, as GitHub. */
  installationTokenTtlMs?: number;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface AppDefinition {
  id: number;
  slug: string;
  name?: string;
  publicKeyPem: string;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** OpenAPI template, e.g. "/repos/{owner}/{repo}/issues/{issue_number}/comments"; "" when unrouted. */
  route: string;
  status: number;
  /** Login, "app:<id>" for an App JWT, "anonymous" without credentials, "" when refused. */
  identity: string;
  body?: unknown;
  /** Simulator clock, epoch ms. */
  at: number;
  /** True when the handler ran, so any write it describes took effect (even if a fault hid the answer). */
  applied: boolean;
  /** The injected fault that shaped the answer, if any. */
  fault?: string;
}

export interface Delivery {
  /** X-GitHub-Delivery; duplicates share it. */
  id: string;
  /** This attempt's number in the App's delivery log (`GET /app/hook/deliveries`' `id`). */
  hookId?: number;
  /** Sent because someone asked for a redelivery (`POST /app/hook/deliveries/{id}/attempts`). */
  redelivery?: boolean;
  /** How long the receiver took to answer, in ms. */
  durationMs?: number;
  event: string;
  action?: string;
  payload: Record<string, unknown>;
  /** HTTP status the receiver answered. */
  status?: number;
  /** Network error, timeout, or the fault that dropped it. */
  error?: string;
  /** Simulator clock when sent, epoch ms. */
  at: number;
}

export interface FaultRule {
  method?: string;
  /** OpenAPI template, e.g. "/repos/{owner}/{repo}/issues/{issue_number}/comments"; omitted = any. */
  route?: string;
  /** Default 1; Infinity allowed. */
  times?: number;
  status?: number;
  /** Perform the write, then answer `status` (default 502). */
  applyThenFail?: boolean;
  rateLimit?: "secondary-403" | "secondary-429" | "primary";
  /** Seconds; sets the retry-after header (for "primary": seconds until x-ratelimit-reset). */
  retryAfter?: number;
  delayMs?: number;
  /**
   * Hold each matching request until this many have arrived, then let them all go on together: two
   * reconcilers made to read the same state before either writes, without racing a timer. `times` defaults
   * to this number. A barrier nobody fills opens after 30 s, so a broken test fails instead of hanging.
   */
  barrier?: number;
  /** Destroy the socket (the client sees ECONNRESET). */
  reset?: boolean;
}

export interface WebhookFaults {
  duplicate?: "sequential" | "concurrent" | false;
  reorderWindow?: number;
  dropRate?: number;
}

export interface SimIssue {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  user: string;
  labels: string[];
  assignees: string[];
  locked: boolean;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  pull_request?: { merged_at: string | null };
}

export interface SimComment {
  id: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  reactions: Array<{ content: string; user: string }>;
}

export interface SimPull {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  merged_by: string | null;
  merge_commit_sha: string | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  requested_reviewers: string[];
  requested_teams: string[];
  labels: string[];
  title: string;
  body: string | null;
  user: string;
  draft: boolean;
}

export interface SimDeploymentRun {
  runId: number;
  environment: string;
  ref: string;
  sha: string;
  state: "waiting" | "approved" | "rejected";
  reviews: Array<{ state?: "approved" | "rejected"; comment?: string; by: string; at: string }>;
}

export interface SimCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  app_id: number;
  external_id: string | null;
  details_url: string | null;
  started_at: string | null;
  completed_at: string | null;
}

export interface Simulator {
  /** REST base, e.g. "http://127.0.0.1:41234" (routes at the root, like api.github.com). */
  readonly url: string;
  close(): Promise<void>;
  setWebhook(target: WebhookTarget | undefined): void;

  // World setup: direct, no HTTP, sends no webhooks.
  createRepo(input: {
    owner: string;
    name: string;
    defaultBranch?: string;
    files?: Record<string, string>;
    private?: boolean;
    ownerType?: "User" | "Organization";
    /** GitHub's nine default labels (default true, as on GitHub). */
    defaultLabels?: boolean;
  }): void;
  addUser(login: string, options?: { type?: "User" | "Bot"; orgs?: string[] }): void;
  setPermission(repoFullName: string, login: string, role: Role): void;
  addTeam(org: string, slug: string, members: string[]): void;
  /** Returns the installation id. Without repoFullNames the installation covers all the owner's repos. */
  installApp(appId: number, owner: string, repoFullNames?: string[]): number;
  /** Adds or removes repositories of a selected-repositories installation (`installation_repositories`). */
  changeInstallationRepos(
    installationId: number,
    change: { add?: string[]; remove?: string[] },
    sender: string,
  ): void;
  tokenFor(login: string): string;
  /** A GITHUB_TOKEN: acts as github-actions[bot], scoped to the repository, 1000 requests an hour. */
  actionsToken(repoFullName: string): string;
  setRequiredChecks(
    repoFullName: string,
    branch: string,
    checks: Array<{ context: string; appId?: number }>,
  ): void;

  // What a person does on github.com: these send webhooks, with that person as sender.
  pushCommit(input: {
    repo: string;
    branch: string;
    files: Record<string, string | null>;
    message?: string;
    author: string;
  }): string;
  /** `actor` (default: the pull request's author) is the sender of merge_group.checks_requested. */
  enqueueMergeGroup(
    repoFullName: string,
    pullNumber: number,
    actor?: string,
  ): { headSha: string; headRef: string };
  /**
   * A workflow job targets `environment`, whose custom deployment protection rule belongs to App `appId`
   * (default: the first App): the run waits and GitHub sends deployment_protection_rule.requested.
   * `ref` defaults to the default branch and `sha` to its head.
   */
  requestDeployment(
    repoFullName: string,
    input: { environment: string; ref?: string; sha?: string; actor: string; appId?: number; event?: string },
  ): { runId: number; deploymentId: number; sha: string };
  /** Sends a waiting run's deployment_protection_rule.requested again (GitHub's "redeliver"). */
  redeliverDeploymentRequest(repoFullName: string, runId: number): void;

  // Inspection.
  readonly requests: RecordedRequest[];
  writes(): RecordedRequest[];
  clearLog(): void;
  readonly deliveries: Delivery[];
  readonly validationErrors: string[];
  issue(repoFullName: string, number: number): SimIssue | undefined;
  issues(repoFullName: string): SimIssue[];
  comments(repoFullName: string, number: number): SimComment[];
  pull(repoFullName: string, number: number): SimPull | undefined;
  checkRuns(repoFullName: string, sha: string): SimCheckRun[];
  /** A run waiting on (or released by) a deployment protection rule, with every review it received. */
  deploymentRun(runId: number): SimDeploymentRun | undefined;
  branchSha(repoFullName: string, branch: string): string | undefined;
  file(repoFullName: string, ref: string, path: string): string | undefined;
  /** Every file path at a ref, sorted. */
  files(repoFullName: string, ref: string): string[];

  // Faults.
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setWebhookFaults(faults: WebhookFaults): void;
  pauseWebhooks(): void;
  resumeWebhooks(): void;
  /** Resolves when nothing is queued or in flight (when paused: when nothing is in flight). */
  deliveriesIdle(): Promise<void>;
}
