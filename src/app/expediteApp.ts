import type { ApplicationFunction, Probot } from "probot";
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/clock.js";
import type { GitHubContext, IncidentReport, Logger, OctokitLike } from "../github/types.js";
import { cachedRepoSettings, forgetRepoSettings, trustedBotsFor } from "../reconcile/repoSettings.js";
import { forgetTemplates } from "../github/loadTemplates.js";
import { runTarget } from "../reconcile/runTarget.js";
import { targetsOf, targetKey } from "../reconcile/targetsOf.js";
import type { Target } from "../reconcile/targetsOf.js";
import { WorkQueue } from "./workQueue.js";
import { withEtagCache } from "../github/withEtagCache.js";
import { primeRepoInfo } from "../github/repoInfo.js";
import { startScheduler } from "./startScheduler.js";
import { MemoryLanes } from "./memoryLanes.js";
import { Metrics } from "./metrics.js";
import { observeRateLimit } from "./observeRateLimit.js";
import { forEachLimited } from "./forEachLimited.js";
import { WakeUps } from "./wakeUps.js";
import { recoverDeliveries } from "./recoverDeliveries.js";
import type { RecoveryState } from "./recoverDeliveries.js";

/** How long a repository's config and templates are reused; a push touching `.github/` ends it early. */
const SETTINGS_TTL_MS = 5 * 60_000;

export interface ExpediteAppOptions {
  clock?: Clock;
  /** Scheduled reconcile interval in ms; 0 disables the in-process scheduler (tests drive sweeps). */
  scheduleIntervalMs?: number;
  /** Repositories swept at once (default 4): bounded so webhook work keeps its share of the quota. */
  sweepConcurrency?: number;
  /**
   * Wake each incident up when its next clock comes due (default: on when the scheduler is on). Tests that
   * move a simulated clock by hand leave it off and drive sweeps themselves.
   */
  wakeUps?: boolean;
  /**
   * Redeliver webhooks that failed (the App was down, or answered an error): a pass at start-up and then
   * every `intervalMs`, looking back `lookbackMs` the first time. Default: on when the scheduler is on.
   */
  deliveryRecovery?: { intervalMs: number; lookbackMs?: number } | false;
}

export interface ExpediteApp {
  app: ApplicationFunction;
  queue: WorkQueue;
  lanes: MemoryLanes;
  metrics: Metrics;
  /** Runs the scheduled reconcile once for every installation now (what the timer does). */
  sweepAll: () => Promise<void>;
  /** Wall-clock time of the scheduler's last tick (undefined when it is off or has not ticked). */
  lastTick: () => number | undefined;
  /** Asks GitHub for the App itself with a fresh App JWT: rejects when GitHub is unreachable or refuses. */
  checkGitHub: () => Promise<void>;
  /** Queues a reconcile of one object, as a webhook about it would (used by the alerts endpoint). */
  enqueue: (installationId: number, owner: string, repo: string, target: Target) => void;
  /** One delivery-recovery pass now (what its timer does). */
  recoverDeliveries: () => Promise<void>;
  /** Stops the timers (scheduler, wake-ups, delivery recovery); queued work goes on. */
  stop: () => void;
}

const EVENTS = [
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "merge_group",
  "deployment_protection_rule.requested",
  "release",
  "milestone",
  "check_run.rerequested",
  "check_suite.rerequested",
] as const;

const NOTICE_KINDS = { "ack-breach": "ack", escalation: "escalation", reminder: "reminder" } as const;

/**
 * The Probot App: every webhook becomes reconcile jobs on a per-object queue, and the handler returns
 * at once so GitHub's 10-second delivery window is never at risk. Whatever path reconciles an object
 * (webhook, sweep, wake-up, redelivery) does it in that object's lane, one at a time. Failures are logged
 * with the delivery id; the scheduled reconcile repairs whatever they left undone.
 */
export function createExpediteApp(options: ExpediteAppOptions = {}): ExpediteApp {
  const clock = options.clock ?? systemClock;
  let probot: Probot | undefined;
  let botLogin: Promise<string> | undefined;
  const latest = new Map<string, Target>();
  const lanes = new MemoryLanes();
  const queue = new WorkQueue((key, error) => {
    probot?.log.error({ err: error, key }, "reconcile failed; the scheduled reconcile will retry");
  });
  // When each installation's last sweep over all its repositories finished without a failure.
  const lastCompleteSweep = new Map<number, number>();
  const metrics = new Metrics({
    queueDepth: () => queue.size,
    oldestWaitingMs: () => queue.oldestWaitingMs(),
    lastCompleteSweep: () => lastCompleteSweep,
  });
  const wakeUpsOn = options.wakeUps ?? options.scheduleIntervalMs !== 0;

  const getBotLogin = (app: Probot) => {
    botLogin ??= app
      .auth()
      .then((octokit) => octokit.request("GET /app"))
      .then(({ data }) => `${data?.slug ?? "expedite"}[bot]`)
      .catch((error: unknown) => {
        botLogin = undefined;
        throw error;
      });
    return botLogin;
  };

  const run = async (
    app: Probot,
    installationId: number,
    owner: string,
    repo: string,
    target: Target,
    log: Logger,
    kind: string = target.kind,
  ) => {
    const started = performance.now();
    let outcome = "error";
    try {
      const client = (await app.auth(installationId)) as unknown as OctokitLike;
      const observed = observeRateLimit(client, (remaining) =>
        metrics.rateLimitRemaining.set({ installation: String(installationId) }, remaining),
      );
      const octokit = withEtagCache(observed, `installation:${installationId}`);
      const login = await getBotLogin(app);
      const base: GitHubContext = {
        octokit,
        owner,
        repo,
        botLogin: login,
        trustedBots: trustedBotsFor(login),
        log,
        lanes,
        onIncident: (report) => onIncident(installationId, report),
      };
      const now = clock();
      const settings = await cachedRepoSettings(base, now, SETTINGS_TTL_MS);
      const gh = settings.ok ? { ...base, trustedBots: trustedBotsFor(login, settings.config) } : base;
      const result = await runTarget(gh, settings, target, now);
      metrics.writes.inc({ kind }, result.writes);
      log.debug({ target, writes: result.writes, note: result.note }, "reconciled");
      outcome = "ok";
    } finally {
      metrics.jobDuration.observe({ kind, outcome }, (performance.now() - started) / 1000);
    }
  };

  type Wake = { installationId: number; owner: string; repo: string; number: number };
  const wakeUps = new WakeUps<Wake>(clock, (key, wake) => {
    const { installationId, owner, repo, number } = wake;
    const target: Target = { kind: "issue", number };
    void queue.enqueue(targetKey(`${owner}/${repo}`, target), () => {
      const instance = probot;
      if (!instance) return Promise.resolve();
      const log = instance.log.child({ wakeUp: key });
      return run(instance, installationId, owner, repo, target, log, "wake-up").catch((error: unknown) => {
        log.error({ err: error }, "deadline reconcile failed; the scheduled reconcile will retry");
      });
    });
  });

  const onIncident = (installationId: number, report: IncidentReport) => {
    metrics.reconciles.inc({ kind: "incident" });
    const lateBy = (dueAt: number) => (report.now - dueAt) / 1000;
    for (const notice of report.notices)
      metrics.observeLateness(NOTICE_KINDS[notice.kind], lateBy(notice.dueAt));
    if (!wakeUpsOn) return;
    const { owner, repo } = report.repo;
    wakeUps.set(`${owner}/${repo}#${report.number}`.toLowerCase(), report.nextDeadlineAt, {
      installationId,
      owner,
      repo,
      number: report.number,
    });
  };

  const app: ApplicationFunction = (instance: Probot) => {
    probot = instance;
    // Config and templates live in `.github/`: a push there must take effect on the next event.
    instance.on("push", async (context) => {
      const touched = context.payload.commits.some((c) =>
        [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].some((f) =>
          f.startsWith(".github/"),
        ),
      );
      if (touched || context.payload.commits.length === 0) {
        forgetRepoSettings(context.payload.repository.full_name);
        forgetTemplates(context.payload.repository.full_name);
      }
    });
    instance.on([...EVENTS], async (context) => {
      const payload = context.payload as unknown as {
        installation?: { id: number };
        repository?: { name: string; owner: { login: string } };
      };
      const installationId = payload.installation?.id;
      const repository = payload.repository;
      if (installationId === undefined || repository === undefined) return;
      const login = await getBotLogin(instance);
      const targets = targetsOf(context.name, context.payload as never, trustedBotsFor(login));
      const owner = repository.owner.login;
      const repo = repository.name;
      const described = repository as { default_branch?: string; html_url?: string };
      primeRepoInfo(`${owner}/${repo}`, {
        defaultBranch: described.default_branch,
        htmlUrl: described.html_url,
      });
      const log = context.log.child({ delivery: context.id, event: context.name });
      for (const target of targets) {
        // Not awaited: acknowledge the delivery now, do the work on the queue. An event that joins a job
        // still waiting hands it its newer view of the object.
        const key = targetKey(`${owner}/${repo}`, target);
        latest.set(key, target);
        void queue.enqueue(key, () => {
          const newest = latest.get(key) ?? target;
          latest.delete(key);
          // Logged here, with the delivery id, so an operator can match a failure to GitHub's delivery log.
          return run(instance, installationId, owner, repo, newest, log).catch((error: unknown) => {
            log.error({ err: error, target: newest }, "reconcile failed; the scheduled reconcile will retry");
          });
        });
      }
    });
  };

  // When each repository was last swept without a failure (the sweep's clock at its start).
  const lastSwept = new Map<string, number>();
  const sweepAll = async () => {
    if (!probot) return;
    const instance = probot;
    const appOctokit = await instance.auth();
    const installations = await appOctokit.paginate("GET /app/installations", { per_page: 100 });
    for (const installation of installations) {
      const octokit = await instance.auth(installation.id);
      const repos = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
      let failed = false;
      await forEachLimited(repos, options.sweepConcurrency ?? 4, async (repository) => {
        const owner = repository.owner.login;
        const key = targetKey(`${owner}/${repository.name}`, { kind: "sweep" });
        await queue.enqueue(key, async () => {
          const startedAt = clock();
          const since = lastSwept.get(key);
          // The first sweep of a repository by this process is a full pass: it repairs whatever a previous
          // process (stopped or killed) left unfinished, pull requests' checks included.
          const target: Target = { kind: "sweep", ...(since !== undefined ? { since } : { full: true }) };
          try {
            await run(
              instance,
              installation.id,
              owner,
              repository.name,
              target,
              instance.log.child({ sweep: `${owner}/${repository.name}` }),
            );
          } catch (error) {
            failed = true;
            throw error;
          }
          lastSwept.set(key, startedAt);
        });
      });
      if (!failed) lastCompleteSweep.set(installation.id, Date.now());
    }
  };

  const recovery =
    options.deliveryRecovery ??
    (options.scheduleIntervalMs === 0 ? false : { intervalMs: 5 * 60_000, lookbackMs: 24 * 3_600_000 });
  // GitHub keeps three days of deliveries; a first pass looks back a day (a longer outage is repaired by
  // the first sweep's full pass anyway).
  const recoveryState: RecoveryState = {
    checkpoint: Date.now() - (recovery ? (recovery.lookbackMs ?? 24 * 3_600_000) : 0),
    requested: new Map(),
  };
  const recoverAll = async () => {
    if (!probot) return;
    const instance = probot;
    const outcome = await recoverDeliveries(
      (await instance.auth()) as unknown as OctokitLike,
      recoveryState,
      Date.now(),
      { maxPages: 20, maxRedeliveries: 100 },
      instance.log.child({ recovery: "deliveries" }),
    );
    metrics.recoveredDeliveries.inc({ outcome: "requested" }, outcome.redelivered.length);
    metrics.recoveredDeliveries.inc({ outcome: "error" }, outcome.errors);
  };
  const recoveryTimer = recovery
    ? startScheduler(recoverAll, recovery.intervalMs, () => probot?.log)
    : undefined;

  const scheduler =
    options.scheduleIntervalMs === 0
      ? undefined
      : startScheduler(sweepAll, options.scheduleIntervalMs ?? 60_000, () => probot?.log);
  const enqueue = (installationId: number, owner: string, repo: string, target: Target) => {
    const instance = probot;
    if (!instance) return;
    const key = targetKey(`${owner}/${repo}`, target);
    const log = instance.log.child({ target: key });
    void queue.enqueue(key, () =>
      run(instance, installationId, owner, repo, target, log).catch((error: unknown) => {
        log.error({ err: error, target }, "reconcile failed; the scheduled reconcile will retry");
      }),
    );
  };
  return {
    app,
    queue,
    lanes,
    metrics,
    sweepAll,
    enqueue,
    lastTick: () => scheduler?.lastTick(),
    checkGitHub: async () => {
      if (!probot) throw new Error("the App is not loaded yet");
      await (await probot.auth()).request("GET /app");
    },
    recoverDeliveries: recoverAll,
    stop: () => {
      scheduler?.stop();
      recoveryTimer?.stop();
      wakeUps.clear();
    },
  };
}
