import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type Source<T> = () => T | Promise<T>;

export interface MetricSources {
  queueDepth: Source<number>;
  oldestWaitingMs: Source<number>;
  /** Wall-clock time each installation's last complete sweep finished. */
  lastCompleteSweep: Source<ReadonlyMap<number, number>>;
  /** Redis mode: the shared queue's jobs by state. */
  queueStates?: Source<Record<string, number>>;
  /** Redis mode: jobs running in this replica. */
  runningHere?: Source<number>;
  /** Redis mode: this replica's name, a label on every metric it exports. */
  replica?: string;
  /** Redis mode: whether Redis answers now. */
  redisUp?: Source<boolean>;
}

/** A value for a gauge, or undefined when its source failed (Redis unreachable: `expedite_redis_up` says so). */
async function read<T>(source: Source<T>): Promise<T | undefined> {
  try {
    return await source();
  } catch {
    return undefined;
  }
}

export type DeadlineKind = "ack" | "escalation" | "reminder";

/**
 * The App's Prometheus metrics, in a registry of its own (one per server, so several servers in one process,
 * as in the tests, do not collide). Names follow Prometheus conventions: base units, `_total` counters.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly jobDuration: Histogram<"kind" | "outcome">;
  readonly reconciles: Counter<"kind">;
  readonly writes: Counter<"kind">;
  readonly rateLimitRemaining: Gauge<"installation">;
  readonly deadlineLateness: Histogram<"kind">;
  readonly recoveredDeliveries: Counter<"outcome">;
  readonly jobsFailed: Counter<"kind">;
  readonly jobRetries: Counter<"kind">;
  readonly sweepsDeferred: Counter;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    if (sources.replica) this.registry.setDefaultLabels({ replica: sources.replica });
    collectDefaultMetrics({ register: this.registry, prefix: "expedite_process_" });
    new Gauge({
      name: "expedite_queue_depth",
      help: "Jobs queued or running",
      registers,
      async collect() {
        const depth = await read(sources.queueDepth);
        if (depth !== undefined) this.set(depth);
      },
    });
    new Gauge({
      name: "expedite_queue_oldest_waiting_seconds",
      help: "How long the oldest job not yet started has waited",
      registers,
      async collect() {
        const waited = await read(sources.oldestWaitingMs);
        if (waited !== undefined) this.set(waited / 1000);
      },
    });
    this.jobDuration = new Histogram({
      name: "expedite_job_duration_seconds",
      help: "Time a job ran, by kind (issue, pull, merge-group, sweep, wake-up) and outcome",
      labelNames: ["kind", "outcome"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.reconciles = new Counter({
      name: "expedite_reconciles_total",
      help: "Objects reconciled, by kind",
      labelNames: ["kind"],
      registers,
    });
    this.writes = new Counter({
      name: "expedite_writes_total",
      help: "Writes made to GitHub by reconciles, by job kind",
      labelNames: ["kind"],
      registers,
    });
    this.rateLimitRemaining = new Gauge({
      name: "expedite_rate_limit_remaining",
      help: "Requests left in the current rate-limit window, per installation (from GitHub's headers)",
      labelNames: ["installation"],
      registers,
    });
    new Gauge({
      name: "expedite_last_complete_sweep_age_seconds",
      help: "Seconds since the last sweep of every repository of the installation finished",
      labelNames: ["installation"],
      registers,
      async collect() {
        const completions = await read(sources.lastCompleteSweep);
        if (!completions) return;
        this.reset();
        const now = Date.now();
        for (const [installation, at] of completions)
          this.set({ installation: String(installation) }, (now - at) / 1000);
      },
    });
    this.deadlineLateness = new Histogram({
      name: "expedite_deadline_lateness_seconds",
      help: "How long after its due time an acknowledgement breach, escalation or reminder notice was posted",
      labelNames: ["kind"],
      buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.recoveredDeliveries = new Counter({
      name: "expedite_redelivery_requests_total",
      help: "Failed webhook deliveries the App asked GitHub to redeliver, by outcome",
      labelNames: ["outcome"],
      registers,
    });
    this.jobsFailed = new Counter({
      name: "expedite_jobs_failed_total",
      help: "Jobs that failed for good after every attempt (Redis mode; kept in the queue's failed set), by kind",
      labelNames: ["kind"],
      registers,
    });
    this.jobRetries = new Counter({
      name: "expedite_job_retries_total",
      help: "Job attempts that failed and were retried with back-off (Redis mode), by kind",
      labelNames: ["kind"],
      registers,
    });
    this.sweepsDeferred = new Counter({
      name: "expedite_sweeps_deferred_total",
      help: "Repository sweeps put off to keep the installation's quota reserve for webhook work",
      registers,
    });
    const { queueStates, runningHere, redisUp } = sources;
    if (redisUp)
      new Gauge({
        name: "expedite_redis_up",
        help: "1 when this replica reaches Redis (REDIS_URL), 0 when not: webhooks are then answered 503",
        registers,
        async collect() {
          this.set((await read(redisUp)) ? 1 : 0);
        },
      });
    if (queueStates)
      new Gauge({
        name: "expedite_queue_jobs",
        help: "Jobs in the shared Redis queue by state (waiting, prioritized, active, delayed, failed, completed)",
        labelNames: ["state"],
        registers,
        async collect() {
          for (const [state, count] of Object.entries((await read(queueStates)) ?? {}))
            this.set({ state }, count);
        },
      });
    if (runningHere)
      new Gauge({
        name: "expedite_jobs_running",
        help: "Jobs this replica is running now",
        registers,
        async collect() {
          this.set(await runningHere());
        },
      });
  }

  observeLateness(kind: DeadlineKind, seconds: number): void {
    this.deadlineLateness.observe({ kind }, Math.max(0, seconds));
  }
}
