import type { ApplicationFunction, Probot } from "probot";
import type { Clock } from "../core/time/clock.js";
import { systemClock } from "../core/time/clock.js";
import type { GitHubContext, IncidentReport, Logger, OctokitLike } from "../github/types.js";
import { cachedRepoSettings, trustedBotsFor } from "../reconcile/repoSettings.js";
import { runCaches } from "../github/runCaches.js";
import type { RunCaches } from "../github/runCaches.js";
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
import { fromFullNames } from "./repoInventory.js";
import type { TargetOutcome } from "../reconcile/runTarget.js";
import type { RecoveryState } from "./recoverDeliveries.js";
import type { Lanes } from "../github/types.js";
import type { RedisRuntime } from "./redisRuntime.js";
import { memorySweepLedger } from "./sweepLedger.js";
import { PRIORITY, QuotaGuard } from "./quotaGuard.js";
import { loadRecoveryState, saveRecoveryState } from "./redisRecoveryState.js";
import { enqueueObject, redisJobHandlers } from "./redisJobs.js";
import type { Wake } from "./redisJobs.js";

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
  /**
   * Requests per installation kept for webhook work: a sweep of a repository is put off while fewer remain
   * before GitHub's reset (default 500).
   */
  quotaReserve?: number;
  /**
   * The Redis mode (REDIS_URL): jobs, schedules, lanes, sweep state and caches live in Redis and are
   * shared by every replica. Absent: one process, in memory.
   */
  redis?: RedisRuntime;
}

export interface ExpediteApp {
  app: ApplicationFunction;
  /** The in-memory queue (embedded mode; empty in the Redis mode). */
  queue: WorkQueue;
  lanes: Lanes;
  metrics: Metrics;
  /** What this process remembers between requests (in Redis mode, settings and ETags are in Redis). */
  caches: RunCaches;
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
  /**
   * Redis mode: registers the shared schedules (sweep ticks, delivery recovery) and starts this replica's
   * workers. Called once the App is loaded.
   */
  startJobs: () => Promise<void>;
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
  const redis = options.redis;
  const lanes: Lanes = redis?.lanes ?? new MemoryLanes();
  const caches = runCaches(redis ? { etags: redis.etags, settings: redis.settings } : {});
  const queue = new WorkQueue((key, error) => {
    probot?.log.error({ err: error, key }, "reconcile failed; the scheduled reconcile will retry");
  });
  // What the scheduler remembers between ticks (shared by the replicas in the Redis mode).
  const ledger = redis?.ledger ?? memorySweepLedger();
  const quota = new QuotaGuard(
    options.quotaReserve ?? 500,
    redis ? { client: redis.client, prefix: redis.prefix } : undefined,
  );
  const metrics = new Metrics({
    queueDepth: redis
      ? async () => {
          // Waiting or running; delayed jobs (deadline wake-ups, retries' back-off) are not due yet.
          const counts = await redis.queue.counts();
          return counts.waiting! + counts.prioritized! + counts.active!;
        }
      : () => queue.size,
    oldestWaitingMs: redis ? () => redis.queue.oldestWaitingMs() : () => queue.oldestWaitingMs(),
    lastCompleteSweep: () => ledger.completions(),
    ...(redis
      ? {
          queueStates: () => redis.queue.counts(),
          runningHere: () => redis.queue.running,
          replica: redis.replica,
          redisUp: () => redis.queue.ping().then(() => true),
        }
      : {}),
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
      const observed = observeRateLimit(client, (remaining, headers) => {
        metrics.rateLimitRemaining.set({ installation: String(installationId) }, remaining);
        quota.observe(installationId, headers);
      });
      const octokit = withEtagCache(observed, `installation:${installationId}`, caches.etags);
      const login = await getBotLogin(app);
      const base: GitHubContext = {
        octokit,
        owner,
        repo,
        botLogin: login,
        trustedBots: trustedBotsFor(login),
        log,
        caches,
        lanes,
        approvesDeployments: true,
        onIncident: (report) => onIncident(installationId, report),
        outbox,
      };
      const now = clock();
      const settings = await cachedRepoSettings(base, now);
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
    const key = `${owner}/${repo}#${report.number}`.toLowerCase();
    const wake: Wake = { installationId, owner, repo, number: report.number };
    if (!redis) return wakeUps.set(key, report.nextDeadlineAt, wake);
    const at = report.nextDeadlineAt;
    if (at === undefined) return;
    // One delayed job per deadline, whichever replica saw it first (the id is the deadline's): it fires once.
    void redis.queue
      .add(
        "wake",
        { ...wake, key, at },
        { priority: PRIORITY.deadline, jobId: `wake-${key}-${at}`, delayMs: at - clock() + 1_000 },
      )
      .catch((error: unknown) =>
        probot?.log.warn(
          { err: error, wakeUp: key },
          "could not schedule a deadline wake-up; the sweep covers it",
        ),
      );
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
      if (touched || context.payload.commits.length === 0)
        await caches.settings.forget(context.payload.repository.full_name);
    });
    instance.on("installation", async (context) => {
      const { action, installation } = context.payload;
      if (action === "deleted" || action === "suspend") {
        await ledger.forgetInstallation(installation.id);
        caches.etags.forgetScope?.(`installation:${installation.id}`);
      } else if (action === "created")
        await ledger.replaceRepos(installation.id, fromFullNames(context.payload.repositories), 0);
    });
    instance.on("installation_repositories", async (context) => {
      const id = context.payload.installation.id;
      await ledger.addRepos(id, fromFullNames(context.payload.repositories_added));
      await ledger.removeRepos(id, fromFullNames(context.payload.repositories_removed));
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
      primeRepoInfo(caches, `${owner}/${repo}`, {
        defaultBranch: described.default_branch,
        htmlUrl: described.html_url,
      });
      const log = context.log.child({ delivery: context.id, event: context.name });
      // Something happened here: sweep the repository every tick for a while.
      const touched = ledger.touch(`${owner}/${repo}`.toLowerCase(), Date.now());
      if (redis) {
        // Answered 2xx only once Redis holds every job of this delivery; otherwise 503, so GitHub records
        // a failed delivery and the delivery recovery asks for it again.
        try {
          await touched;
          for (const target of targets) {
            const key = targetKey(`${owner}/${repo}`, target);
            await enqueueObject(
              redis,
              { installationId, owner, repo, key, target, delivery: context.id },
              PRIORITY.webhook,
            );
          }
        } catch (error) {
          log.error({ err: error }, "Redis did not accept the delivery's jobs; answering 503");
          throw Object.assign(new Error(`Redis did not accept the job: ${(error as Error).message}`), {
            status: 503,
          });
        }
        return;
      }
      await touched;
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

  const interval = options.scheduleIntervalMs ?? 60_000;
  const coldEvery = options.coldSweepEveryMs ?? Math.max(5 * 60_000, 10 * interval);
  const inventoryEvery = options.inventoryCheckEveryMs ?? 10 * 60_000;
  // Repositories due this tick: never swept, hot, active lately, or not swept for `coldEvery`.
  const dueAmong = async (repos: Array<{ owner: string; name: string }>, wall: number) => {
    const keys = repos.map((r) => `${r.owner}/${r.name}`.toLowerCase());
    const [records, activity] = await Promise.all([ledger.records(keys), ledger.activity(keys)]);
    return repos.filter((_, i) => {
      const swept = records.get(keys[i]!);
      if (swept === undefined || swept.hot) return true;
      if (wall - (activity.get(keys[i]!) ?? Number.NEGATIVE_INFINITY) < coldEvery) return true;
      return wall - swept.wall >= coldEvery;
    });
  };

  /**
   * One repository's sweep, whichever queue runs it. Returns false when it was put off to keep the
   * installation's quota reserve for webhook work.
   */
  const sweepRepo = async (instance: Probot, installationId: number, owner: string, name: string) => {
    const repoKey = `${owner}/${name}`.toLowerCase();
    const log = instance.log.child({ sweep: `${owner}/${name}` });
    if (!(await quota.allowsSweep(installationId))) {
      metrics.sweepsDeferred.inc();
      log.warn(
        { installation: installationId, reserve: quota.reserve },
        "sweep put off: the installation's remaining quota is kept for webhook work until GitHub's reset",
      );
      return false;
    }
    const startedAt = clock();
    const startedWall = Date.now();
    const since = (await ledger.records([repoKey])).get(repoKey)?.since;
    // The first sweep of a repository (by this process, or ever in the Redis mode) is a full pass: it
    // repairs whatever a previous process (stopped or killed) left unfinished, pull requests' checks included.
    const target: Target = { kind: "sweep", ...(since !== undefined ? { since } : { full: true }) };
    const outcome = await run(instance, installationId, owner, name, target, log);
    await ledger.record(repoKey, { since: startedAt, wall: startedWall, hot: outcome.hot === true });
    return true;
  };
  // The App's own client for listing installations, with conditional requests (304s cost no quota).
  let appClient: OctokitLike | undefined;
  const sweepAll = async ({ cadence = false }: { cadence?: boolean } = {}) => {
    if (!probot) return;
    const instance = probot;
    appClient ??= withEtagCache((await instance.auth()) as unknown as OctokitLike, "app", caches.etags);
    const installations = (await appClient.paginate("GET /app/installations", { per_page: 100 })) as Array<{
      id: number;
    }>;
    for (const installation of installations) {
      const wall = Date.now();
      let repos = cadence ? await ledger.repos(installation.id, wall, inventoryEvery) : undefined;
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
        await ledger.replaceRepos(installation.id, repos, wall);
        // Room for every repository's few conditional reads (listings, config, timelines of incidents).
        caches.etags.resize?.(scope, repos.length * 8);
      }
      let failed = false;
      const dueRepos = cadence ? await dueAmong(repos, wall) : repos;
      // Redis mode: one job per repository, run by whichever replica is free, after any webhook or deadline
      // work (lower priority); the tick waits for them to know whether the sweep was complete.
      const limit = redis ? 64 : (options.sweepConcurrency ?? 4);
      await forEachLimited(dueRepos, limit, async ({ owner, name }) => {
        const repoKey = `${owner}/${name}`.toLowerCase();
        if (redis) {
          const done = await redis.queue
            .addAndWait(
              "sweep-repo",
              { installationId: installation.id, owner, repo: name },
              { priority: PRIORITY.sweep, dedup: `sweep:${repoKey}` },
            )
            .catch(() => false);
          if (done !== true) failed = true;
          return;
        }
        await queue.enqueue(targetKey(`${owner}/${name}`, { kind: "sweep" }), async () => {
          try {
            if (!(await sweepRepo(instance, installation.id, owner, name))) failed = true;
          } catch (error) {
            failed = true;
            throw error;
          }
        });
      });
      if (!failed) await ledger.completed(installation.id, Date.now());
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
    // Redis mode: the checkpoint and the GUIDs already asked for are shared, whichever replica runs the pass.
    const state = redis
      ? await loadRecoveryState(redis.client, redis.prefix, recoveryState.checkpoint)
      : recoveryState;
    const outcome = await recoverDeliveries(
      await instance.auth(),
      state,
      Date.now(),
      { maxPages: 20, maxRedeliveries: 100 },
      instance.log.child({ recovery: "deliveries" }),
    );
    if (redis) await saveRecoveryState(redis.client, redis.prefix, state);
    metrics.recoveredDeliveries.inc({ outcome: "requested" }, outcome.redelivered.length);
    metrics.recoveredDeliveries.inc({ outcome: "error" }, outcome.errors);
  };
  const recoveryTimer =
    recovery && !redis ? startScheduler(recoverAll, recovery.intervalMs, () => probot?.log) : undefined;

  const scheduler =
    options.scheduleIntervalMs === 0 || redis
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
    if (redis) {
      void enqueueObject(redis, { installationId, owner, repo, key, target }, PRIORITY.webhook).catch(
        (error: unknown) =>
          log.error({ err: error, target }, "could not queue a reconcile; the sweep covers it"),
      );
      return;
    }
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
    caches,
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
    startJobs: async () => {
      if (!redis) return;
      const loaded = () => {
        if (!probot) throw new Error("the App is not loaded yet");
        return probot;
      };
      redis.queue.start(
        redisJobHandlers(redis, metrics, {
          run: (job, target, log, kind) =>
            run(loaded(), job.installationId, job.owner, job.repo, target, log, kind),
          sweepRepo: (installationId, owner, repo) => sweepRepo(loaded(), installationId, owner, repo),
          sweepAll: () => sweepAll({ cadence: true }),
          recoverAll,
          log: () => probot?.log,
        }),
      );
      if (options.scheduleIntervalMs !== 0) await redis.queue.every("sweep", interval, "tick");
      if (recovery) {
        await redis.queue.every("recover", recovery.intervalMs, "recover");
        // A pass at start-up too, as in one process: once however many replicas start together.
        await redis.queue.add("recover", {}, { priority: PRIORITY.webhook, dedup: "recover-at-start" });
      }
    },
  };
}
