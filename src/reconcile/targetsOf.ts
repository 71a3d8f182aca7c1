import type { IssueSnapshot } from "../core/snapshot.js";
import { toIssueSnapshot } from "../github/readIssue.js";
import { toPullSummary } from "../github/pulls.js";
import type { PullSummary } from "../github/pulls.js";
/** What an event asks Expedite to reconcile. Decided from the payload alone, before any API call. */
export type Target =
  | {
      kind: "issue";
      number: number;
      freezeCommand?: boolean;
      issue?: IssueSnapshot;
      /** The label an `issues.labeled`/`unlabeled` event added or removed. */
      label?: { name: string; added: boolean };
      /** An `issues.closed`/`reopened` event: the issue's open state before it was the other one. */
      stateChanged?: "closed" | "reopened";
    }
  | { kind: "pull"; number: number; freezeCommand?: boolean; pull?: PullSummary }
  | { kind: "merge-group"; headSha: string; headRef: string; baseRef: string }
  /** A workflow run waiting on Expedite's deployment protection rule (deployment_protection_rule). */
  | { kind: "deployment"; callbackUrl: string; environment: string; ref: string; sha: string }
  /** Releases and milestones changed: announce what is due (level-triggered, so one target per repo). */
  | { kind: "releases" }
  | {
      kind: "sweep";
      /**
       * When this process last swept the repository without a failure (the App). Freeze boundaries and
       * full passes before then were handled then, so the sweep looks back only that far.
       */
      since?: number;
      /**
       * Do the full pass now (open pull requests, recently closed incidents): the App's first sweep of a
       * repository after it starts, which repairs what a previous process left unfinished.
       */
      full?: boolean;
    };

/** The event's view of the issue, when the payload carries a whole one. */
function snapshotOf(issue: NonNullable<Payload["issue"]>): { issue?: IssueSnapshot } {
  if (typeof issue.title !== "string" || typeof issue.html_url !== "string" || !Array.isArray(issue.labels))
    return {};
  return { issue: toIssueSnapshot(issue as Parameters<typeof toIssueSnapshot>[0]) };
}

/** The event's pull request, when the payload carries every field the freeze check reads. */
function pullOf(pr: NonNullable<Payload["pull_request"]>): { pull?: PullSummary } {
  const raw = pr as Record<string, unknown> & {
    head?: { sha?: unknown; ref?: unknown };
    base?: { ref?: unknown };
  };
  const complete =
    typeof raw.html_url === "string" &&
    typeof raw.state === "string" &&
    "merged_at" in raw &&
    typeof raw.head?.sha === "string" &&
    typeof raw.head.ref === "string" &&
    typeof raw.base?.ref === "string" &&
    typeof raw.title === "string" &&
    Array.isArray(raw.labels) &&
    typeof raw.created_at === "string";
  return complete ? { pull: toPullSummary(raw as unknown as Parameters<typeof toPullSummary>[0]) } : {};
}

export interface TargetOptions {
  /**
   * Take a pull request as the event shows it instead of reading it (the Action: its runs start in
   * event order and a newer event starts a newer run). The App reads it, because webhooks can arrive out
   * of order and a coalesced older payload must not hide a newer head commit.
   */
  pullsFromPayload?: boolean;
}

interface Payload {
  action?: string;
  sender?: { login?: string };
  issue?: {
    number: number;
    pull_request?: unknown;
    body?: string | null;
    title?: string;
    html_url?: string;
    labels?: unknown;
  };
  pull_request?: { number: number; body?: string | null; title?: string };
  comment?: { body?: string };
  label?: { name?: string };
  merge_group?: { head_sha: string; head_ref: string; base_ref: string };
  check_run?: { pull_requests?: Array<{ number: number }> };
  check_suite?: { pull_requests?: Array<{ number: number }> };
  environment?: string;
  deployment_callback_url?: string;
  deployment?: { sha?: string; ref?: string };
}

// Commands answered outside the incident reconcile: /freeze and /unfreeze anywhere, /help on pull requests.
const FREEZE_COMMAND = /^\s*\/((un)?freeze|help)(\s|$)/im;
const REFERENCE = /(?:^|[^\w/])#(\d{1,9})\b/g;

export function targetKey(repo: string, target: Target): string {
  switch (target.kind) {
    case "issue":
    case "pull":
      // Freeze commands get a key of their own so coalescing with a plain reconcile cannot drop them.
      return `${repo}#${target.number}${target.freezeCommand ? ":freeze" : ""}`;
    case "merge-group":
      return `${repo}@${target.headSha}`;
    case "releases":
      return `${repo}:releases`;
    case "deployment":
      // Per run, never coalesced: each waiting run needs its own answer.
      return `${repo}@deploy:${target.callbackUrl}`;
    case "sweep":
      return `${repo}:sweep`;
  }
}

/**
 * The objects an event touches. The bot's own events are skipped: its writes already reflect the state
 * it computed, and the scheduled reconcile covers anything that changed meanwhile.
 */
export function targetsOf(
  eventName: string,
  payload: Payload,
  trustedBots: ReadonlySet<string>,
  options: TargetOptions = {},
): Target[] {
  const sender = payload.sender?.login?.toLowerCase();
  if (
    sender !== undefined &&
    trustedBots.has(sender) &&
    eventName !== "schedule" &&
    eventName !== "workflow_dispatch"
  )
    return [];
  switch (eventName) {
    case "issues":
    case "issue_comment": {
      const issue = payload.issue;
      if (!issue) return [];
      // A comment carrying /freeze or /unfreeze also asks for the freeze commands to be answered.
      const freezeCommand = eventName === "issue_comment" && FREEZE_COMMAND.test(payload.comment?.body ?? "");
      const extra = freezeCommand ? { freezeCommand: true } : {};
      const label =
        eventName === "issues" &&
        (payload.action === "labeled" || payload.action === "unlabeled") &&
        typeof payload.label?.name === "string"
          ? { label: { name: payload.label.name, added: payload.action === "labeled" } }
          : {};
      const action = payload.action;
      const stateChanged: { stateChanged?: "closed" | "reopened" } =
        eventName === "issues" && (action === "closed" || action === "reopened")
          ? { stateChanged: action }
          : {};
      return issue.pull_request
        ? [{ kind: "pull", number: issue.number, ...extra }]
        : [
            {
              kind: "issue",
              number: issue.number,
              ...extra,
              ...snapshotOf(issue),
              ...label,
              ...stateChanged,
            },
          ];
    }
    case "pull_request":
    case "pull_request_review":
    case "pull_request_target": {
      const pr = payload.pull_request;
      if (!pr) return [];
      const targets: Target[] = [
        { kind: "pull", number: pr.number, ...(options.pullsFromPayload ? pullOf(pr) : {}) },
      ];
      // A pull request that mentions an incident shows up on its board (opened, merged, reverted).
      if (
        eventName === "pull_request" &&
        ["opened", "closed", "reopened", "edited"].includes(payload.action ?? "")
      ) {
        for (const number of referencedNumbers(`${pr.title ?? ""}\n${pr.body ?? ""}`)) {
          if (number !== pr.number) targets.push({ kind: "issue", number });
        }
      }
      return targets;
    }
    case "check_run":
    case "check_suite": {
      // "Re-run" on our check asks for a fresh verdict of the pull requests it belongs to.
      const suite = payload.check_run ?? payload.check_suite;
      if (payload.action !== "rerequested" || !suite) return [];
      return (suite.pull_requests ?? []).map((pr) => ({ kind: "pull" as const, number: pr.number }));
    }
    case "merge_group": {
      const group = payload.merge_group;
      if (payload.action !== "checks_requested" || !group) return [];
      return [
        { kind: "merge-group", headSha: group.head_sha, headRef: group.head_ref, baseRef: group.base_ref },
      ];
    }
    case "deployment_protection_rule": {
      const { deployment, environment, deployment_callback_url: callbackUrl } = payload;
      if (payload.action !== "requested" || !deployment?.sha || !environment || !callbackUrl) return [];
      return [
        { kind: "deployment", callbackUrl, environment, ref: deployment.ref ?? "", sha: deployment.sha },
      ];
    }
    case "release":
    case "milestone":
      return [{ kind: "releases" }];
    case "schedule":
    case "workflow_dispatch":
      return [{ kind: "sweep" }];
    default:
      return [];
  }
}

export function referencedNumbers(text: string): number[] {
  const numbers = new Set<number>();
  for (const match of text.matchAll(REFERENCE)) numbers.add(Number(match[1]));
  return [...numbers].slice(0, 10);
}
