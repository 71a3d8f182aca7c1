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
import { channelSecrets } from "../channels/channelSecrets.js";
import { MemoryLanes } from "./memoryLanes.js";
import { Metrics } from "./metrics.js";
import { observeRateLimit } from "./observeRateLimit.js";
import { forEachLimited } from "./forEachLimited.js";
import { WakeUps } from "./wakeUps.js";
import { recoverDeliveries } from "./recoverDeliveries.js";
import { RepoInventory, fromFullNames } from "./repoInventory.js";
import { setEtagCapacity } from "../github/withEtagCache.js";
import type { TargetOutcome } from "../reconcile/runTarget.js";
import type { RecoveryState } from "./recoverDeliveries.js";

/** How long a repository's config and templates are reused; a push touching `.github/` ends it early. */
const SETTINGS_TTL_MS = 5 * 60_000;

export interface ExpediteAppOptions {
  clock?: Clock;
  /** Scheduled reconcile interval in ms; 0 disables the in-process scheduler (tests drive sweeps). */
  scheduleIntervalMs?: number;
  /** Where channel secrets (`EXPEDITE_CHANNEL_<NAME>`) are read; default the process environment. */
  env?: Record<string, string | undefined>;
  /** How long one send to a channel may take; default 10 s. */
  channelTimeoutMs?: number;
  /** Repositories swept at once (default 4): bounded so webhook work keeps its share of the quota. */
  sweepConcurrency?: number;
  /**
   * How often a repository with nothing going on (no open incident, no freeze issue, no freeze window
   * within two hours, no event lately) is swept; default ten scheduler intervals, at least 5 minutes.
   * Repositories with something going on are swept every tick.
   */
  coldSweepEveryMs?: number;
  /** How often the inventory of an installation's repositories is confirmed with GitHub (default 10 min). */
  inventoryCheckEveryMs?: number;
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
  /**
   * Runs the scheduled reconcile once for every installation now. By default every repository is listed
   * and swept; `{ cadence: true }` is what the timer does: the repository inventory, and repositories with
   * nothing going on only every `coldSweepEveryMs`.
   */
  sweepAll: (options?: { cadence?: boolean }) => Promise<void>;
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
  const env = options.env ?? process.env;
  const outbox = {
    secrets: channelSecrets((variable) => env[variable]),
    timeoutMs: options.channelTimeoutMs ?? 10_000,
  };
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
  ): Promise<TargetOutcome> => {
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
        approvesDeployments: true,
        onIncident: (report) => onIncident(installationId, report),
        outbox,
      };
      const now = clock();
      const settings = await cachedRepoSettings(base, now, SETTINGS_TTL_MS);
      const gh = settings.ok ? { ...base, trustedBots: trustedBotsFor(login, settings.config) } : base;
      const result = await runTarget(gh, settings, target, now);
      metrics.writes.inc({ kind }, result.writes);
      log.debug({ target, writes: result.writes, note: result.note }, "reconciled");
      outcome = "ok";
      return result;
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
      return run(instance, installationId, owner, repo, target, log, "wake-up").then(
        () => undefined,
        (error: unknown) => {
          log.error({ err: error }, "deadline reconcile failed; the scheduled reconcile will retry");
        },
      );
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
    instance.on("installation", async (context) => {
      const { action, installation } = context.payload;
      if (action === "deleted" || action === "suspend") inventory.forget(installation.id);
      else if (action === "created")
        inventory.replace(installation.id, fromFullNames(context.payload.repositories), 0);
    });
    instance.on("installation_repositories", async (context) => {
      const id = context.payload.installation.id;
      inventory.add(id, fromFullNames(context.payload.repositories_added));
      inventory.remove(id, fromFullNames(context.payload.repositories_removed));
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
      const targets = targetsOf(context.name, context.payload, trustedBotsFor(login));
      const owner = repository.owner.login;
      const repo = repository.name;
      const described = repository as { default_branch?: string; html_url?: string };
      primeRepoInfo(`${owner}/${repo}`, {
        defaultBranch: described.default_branch,
        htmlUrl: described.html_url,
      });
      const log = context.log.child({ delivery: context.id, event: context.name });
      // Something happened here: sweep the repository every tick for a while.
      activity.set(`${owner}/${repo}`.toLowerCase(), Date.now());
      for (const target of targets) {
        // Not awaited: acknowledge the delivery now, do the work on the queue. An event that joins a job
        // still waiting hands it its newer view of the object.
        const key = targetKey(`${owner}/${repo}`, target);
        latest.set(key, target);
        void queue.enqueue(key, () => {
          const newest = latest.get(key) ?? target;
          latest.delete(key);
          // Logged here, with the delivery id, so an operator can match a failure to GitHub's delivery log.
          return run(instance, installationId, owner, repo, newest, log).then(
            () => undefined,
            (error: unknown) => {
              log.error(
                { err: error, target: newest },
                "reconcile failed; the scheduled reconcile will retry",
              );
            },
          );
        });
      }
    });
  };

  // When each repository was last swept without a failure (the sweep's clock at its start), whether it
  // was hot then, and when an event last came from it (wall clock).
  const lastSwept = new Map<string, number>();
  const lastSweptWall = new Map<string, number>();
  const hot = new Set<string>();
  const activity = new Map<string, number>();
  const inventory = new RepoInventory();
  const interval = options.scheduleIntervalMs ?? 60_000;
  const coldEvery = options.coldSweepEveryMs ?? Math.max(5 * 60_000, 10 * interval);
  const inventoryEvery = options.inventoryCheckEveryMs ?? 10 * 60_000;
  const due = (repoKey: string, wall: number) => {
    const swept = lastSweptWall.get(repoKey);
    if (swept === undefined || hot.has(repoKey)) return true;
    if (wall - (activity.get(repoKey) ?? Number.NEGATIVE_INFINITY) < coldEvery) return true;
    return wall - swept >= coldEvery;
  };
  // The App's own client for listing installations, with conditional requests (304s cost no quota).
  let appClient: OctokitLike | undefined;
  const sweepAll = async ({ cadence = false }: { cadence?: boolean } = {}) => {
    if (!probot) return;
    const instance = probot;
    appClient ??= withEtagCache((await instance.auth()) as unknown as OctokitLike, "app");
    const installations = (await appClient.paginate("GET /app/installations", { per_page: 100 })) as Array<{
      id: number;
    }>;
    for (const installation of installations) {
      const wall = Date.now();
      let repos = cadence ? inventory.repos(installation.id, wall, inventoryEvery) : undefined;
      if (!repos) {
        const scope = `installation:${installation.id}`;
        // Listed in full (not through the ETag cache: paginate reshapes this endpoint's body in place, so
        // a remembered page cannot be replayed). The inventory makes this once per check, not per tick.
        const octokit = (await instance.auth(installation.id)) as unknown as OctokitLike;
        const listed = (await octokit.paginate("GET /installation/repositories", {
          per_page: 100,
        })) as Array<{
          name: string;
          owner: { login: string };
        }>;
        repos = listed.map((r) => ({ owner: r.owner.login, name: r.name }));
        inventory.replace(installation.id, repos, wall);
        // Room for every repository's few conditional reads (listings, config, timelines of incidents).
        setEtagCapacity(scope, repos.length * 8);
      }
      let failed = false;
      const dueRepos = cadence ? repos.filter((r) => due(`${r.owner}/${r.name}`.toLowerCase(), wall)) : repos;
      await forEachLimited(dueRepos, options.sweepConcurrency ?? 4, async (repository) => {
        const { owner, name } = repository;
        const repoKey = `${owner}/${name}`.toLowerCase();
        const key = targetKey(`${owner}/${name}`, { kind: "sweep" });
        await queue.enqueue(key, async () => {
          const startedAt = clock();
          const startedWall = Date.now();
          const since = lastSwept.get(key);
          // The first sweep of a repository by this process is a full pass: it repairs whatever a previous
          // process (stopped or killed) left unfinished, pull requests' checks included.
          const target: Target = { kind: "sweep", ...(since !== undefined ? { since } : { full: true }) };
          try {
            const outcome = await run(
              instance,
              installation.id,
              owner,
              name,
              target,
              instance.log.child({ sweep: `${owner}/${name}` }),
            );
            if (outcome.hot) hot.add(repoKey);
            else hot.delete(repoKey);
          } catch (error) {
            failed = true;
            throw error;
          }
          lastSwept.set(key, startedAt);
          lastSweptWall.set(repoKey, startedWall);
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
      await instance.auth(),
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
      : startScheduler(
          () => sweepAll({ cadence: true }),
          options.scheduleIntervalMs ?? 60_000,
          () => probot?.log,
        );
  const enqueue = (installationId: number, owner: string, repo: string, target: Target) => {
    const instance = probot;
    if (!instance) return;
    const key = targetKey(`${owner}/${repo}`, target);
    const log = instance.log.child({ target: key });
    void queue.enqueue(key, () =>
      run(instance, installationId, owner, repo, target, log).then(
        () => undefined,
        (error: unknown) => {
          log.error({ err: error, target }, "reconcile failed; the scheduled reconcile will retry");
        },
      ),
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
