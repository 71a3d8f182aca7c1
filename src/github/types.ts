import type { Octokit } from "@octokit/core";
import type { PaginateInterface } from "@octokit/plugin-paginate-rest";
import type { ChannelSecrets } from "../channels/channelSecrets.js";
import type { RunCaches } from "./runCaches.js";

/** What the gateway needs of an Octokit: ProbotOctokit and @actions/github's client both qualify. */
export type OctokitLike = Pick<Octokit, "request"> & { paginate: PaginateInterface };

/** An Octokit whose requests can be wrapped (Octokit's `hook`), for layers such as the ETag cache. */
export type HookableOctokit = OctokitLike & {
  hook: {
    wrap: (
      name: "request",
      wrapper: (
        request: (o: Record<string, unknown>) => Promise<unknown>,
        options: Record<string, unknown>,
      ) => Promise<unknown>,
    ) => void;
  };
};

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** Everything a gateway call needs: the client, the repository and who the bot is. */
export interface GitHubContext extends RepoRef {
  octokit: OctokitLike;
  /** The bot's login, e.g. "expedite[bot]" or "github-actions[bot]". */
  botLogin: string;
  /** Lower-case logins whose markers are believed (the bot plus config `trusted_bots`). */
  trustedBots: ReadonlySet<string>;
  log: Logger;
  /** What this App process or Action run remembers between requests (settings, ETags, labels, facts). */
  caches: RunCaches;
  /**
   * Whether writing labels should first make sure the repository's labels exist with their colours
   * (one listing per process). The Action skips it outside scheduled sweeps: each run is a new process,
   * and adding a missing label to an issue creates it anyway.
   */
  ensureLabels?: boolean;
  /**
   * Where outside messages go out (channel secrets from the App's environment or the Action's inputs).
   * Absent: messages are neither planned nor sent.
   */
  outbox?: {
    secrets: ChannelSecrets;
    timeoutMs: number;
  };
  /**
   * Per-object serialisation supplied by the runtime (the App): every reconcile of one issue, pull request
   * or merge group, whichever path asked for it, runs inside `lanes.run(key, …)` one at a time. Absent in
   * the Action, where the workflow's `concurrency:` groups do this.
   */
  lanes?: Lanes;
  /**
   * Deployments can wait on Expedite (the App is a deployment protection rule): when an event ends a freeze,
   * their hold issues are re-evaluated at once. The Action's gate has nothing waiting (a failed deploy job is
   * re-run), so its hold issues are tidied by the scheduled sweep instead.
   */
  approvesDeployments?: boolean;
  /**
   * A dry run (the Action's `dry-run` input): the reconcilers tell their plans here, in words, instead of
   * writing them. Writes made outside a plan are stopped by the client (actionOctokit) as a safety net.
   */
  dryRun?: PlanLog;
  /** Told after each incident reconcile what it posted and when its next clock is due (App: metrics, wake-ups). */
  onIncident?: (report: IncidentReport) => void;
}

export interface IncidentReport {
  repo: RepoRef;
  number: number;
  /** The reconcile's clock. */
  now: number;
  /** Clock notices this reconcile owed and posted, with the time each came due. */
  notices: Array<{ kind: "ack-breach" | "escalation" | "reminder"; dueAt: number }>;
  /** The next moment one of the incident's clocks comes due; undefined when none is ahead. */
  nextDeadlineAt?: number;
}

/** Where a dry run's plans go: one line per write that would be made. */
export interface PlanLog {
  record(lines: readonly string[]): void;
}

/** Runs jobs one at a time per key (see GitHubContext.lanes). */
export interface Lanes {
  run<T>(key: string, job: () => Promise<T>): Promise<T>;
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = error.status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}
