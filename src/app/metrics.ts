import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface MetricSources {
  queueDepth: () => number;
  oldestWaitingMs: () => number;
  /** Wall-clock time each installation's last complete sweep finished. */
  lastCompleteSweep: () => ReadonlyMap<number, number>;
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

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "expedite_process_" });
    new Gauge({
      name: "expedite_queue_depth",
      help: "Jobs queued or running",
      registers,
      collect() {
        this.set(sources.queueDepth());
      },
    });
    new Gauge({
      name: "expedite_queue_oldest_waiting_seconds",
      help: "How long the oldest job not yet started has waited",
      registers,
      collect() {
        this.set(sources.oldestWaitingMs() / 1000);
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
      collect() {
        this.reset();
        const now = Date.now();
        for (const [installation, at] of sources.lastCompleteSweep())
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
  }

  observeLateness(kind: DeadlineKind, seconds: number): void {
    this.deadlineLateness.observe({ kind }, Math.max(0, seconds));
  }
}
