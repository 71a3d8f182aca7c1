import { Queue, QueueEvents, Worker } from "bullmq";
import type { Job } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "../github/types.js";

/**
 * What a job does: reconcile one object (webhook, alert), one incident at its deadline, one repository's
 * sweep; a scheduler tick (fans the sweeps out); a delivery-recovery pass.
 */
export type JobName = "object" | "wake" | "sweep-repo" | "tick" | "recover";

export interface DurableQueueOptions {
  url: string;
  prefix: string;
  /** Jobs this replica runs at once. */
  concurrency: number;
  /** A job's lock: a replica that dies mid-job hands it over once this has passed (stalled-job check). */
  lockTtlMs: number;
  /** Attempts per job before it fails for good (default 5), with exponential back-off from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
  log: () => Logger | undefined;
  /** The client for everything but blocking reads: it must fail fast (no offline queue). */
  client: Redis;
}

export interface JobHandlers {
  process: (name: JobName, job: Job) => Promise<unknown>;
  /** A job failed an attempt; `final` when no attempt is left (it stays in Redis, in the failed set). */
  failed: (job: Job | undefined, error: Error, final: boolean) => void;
}

export interface AddOptions {
  priority: number;
  /** At most one job with this id waits and one runs (BullMQ deduplication, last one kept). */
  dedup?: string;
  /** A job with this id is added once (later adds with the same id are ignored). */
  jobId?: string;
  delayMs?: number;
}

/** Characters BullMQ gives meaning to in ids (":" separates its keys). */
const safeId = (id: string) => id.replace(/[^A-Za-z0-9_.#@/-]/g, "_");

/**
 * The Redis mode's queue, on BullMQ: jobs are accepted by Redis before a webhook is answered, run on
 * whichever replica is free (highest priority first), are retried with back-off, and are handed to another
 * replica when the one running them dies. A second queue carries the scheduler's ticks and recovery passes
 * (one worker slot per replica), so a tick waiting for the sweeps it fanned out never holds a slot those
 * sweeps need.
 */
export class DurableQueue {
  readonly work: Queue;
  readonly schedule: Queue;
  readonly #events: QueueEvents;
  readonly #workers: Worker[];
  readonly #producer: Redis;
  #handlers: JobHandlers | undefined;
  /** Jobs running in this replica, by job id (name and key, for the shutdown report). */
  readonly #running = new Map<string, string>();

  private constructor(options: DurableQueueOptions) {
    // The producer fails fast while Redis is unreachable (no offline queue): a webhook then gets a 503 at
    // once instead of waiting past GitHub's 10-second window.
    this.#producer = options.client;
    const consumer = () => {
      const client = new Redis(options.url, { maxRetriesPerRequest: null });
      client.on("error", () => undefined);
      return client;
    };
    const prefix = options.prefix;
    const attempts = options.attempts ?? 5;
    const defaultJobOptions = {
      attempts,
      backoff: { type: "exponential", delay: options.backoffMs ?? 2_000 },
      removeOnComplete: { age: 3_600, count: 5_000 },
      // Failed-for-good jobs are kept a week, for an operator to see and retry.
      removeOnFail: { age: 7 * 24 * 3_600 },
    };
    this.work = new Queue("work", { connection: this.#producer, prefix, defaultJobOptions });
    this.schedule = new Queue("schedule", { connection: this.#producer, prefix, defaultJobOptions });
    this.#events = new QueueEvents("work", { connection: consumer(), prefix });
    const worker = (queue: Queue, concurrency: number) => {
      const w = new Worker(
        queue.name,
        async (job: Job) => {
          this.#running.set(String(job.id), `${job.name} ${jobKey(job)}`);
          try {
            return await this.#handlers!.process(job.name as JobName, job);
          } finally {
            this.#running.delete(String(job.id));
          }
        },
        {
          connection: consumer(),
          prefix,
          concurrency,
          autorun: false,
          lockDuration: options.lockTtlMs,
          stalledInterval: Math.max(1_000, Math.floor(options.lockTtlMs / 2)),
          // A job whose replica died is retried on another; twice in a row means it kills replicas.
          maxStalledCount: 2,
        },
      );
      w.on("failed", (job, error) =>
        this.#handlers?.failed(job, error, !job || job.attemptsMade >= (job.opts.attempts ?? 1)),
      );
      w.on("error", (error) => options.log()?.warn({ err: error }, "queue worker error"));
      w.on("stalled", (id) =>
        options.log()?.warn({ job: id }, "a job's replica stopped renewing its lock; it runs again"),
      );
      return w;
    };
    this.#workers = [worker(this.work, options.concurrency), worker(this.schedule, 1)];
  }

  /** Connects to Redis (waiting for it, as the replica cannot work without it); no job runs yet. */
  static async open(options: DurableQueueOptions): Promise<DurableQueue> {
    const queue = new DurableQueue(options);
    await Promise.all([
      queue.work.waitUntilReady(),
      queue.schedule.waitUntilReady(),
      queue.#events.waitUntilReady(),
    ]);
    return queue;
  }

  /** Starts taking jobs. */
  start(handlers: JobHandlers): void {
    this.#handlers = handlers;
    for (const worker of this.#workers) void worker.run();
  }

  /** Resolves once Redis holds the job; rejects at once when Redis is unreachable. */
  add(name: JobName, data: object, options: AddOptions): Promise<Job> {
    const queue = name === "tick" || name === "recover" ? this.schedule : this.work;
    return queue.add(name, data, {
      priority: options.priority,
      ...(options.dedup ? { deduplication: { id: safeId(options.dedup), keepLastIfActive: true } } : {}),
      ...(options.jobId ? { jobId: safeId(options.jobId) } : {}),
      ...(options.delayMs !== undefined ? { delay: Math.max(0, Math.round(options.delayMs)) } : {}),
      ...(name === "wake" ? { removeOnComplete: { age: 24 * 3_600 } } : {}),
    });
  }

  /** Adds a job and waits until it finished (completed, or failed for good: then it rejects). */
  async addAndWait(name: JobName, data: object, options: AddOptions): Promise<unknown> {
    const job = await this.add(name, data, options);
    return job.waitUntilFinished(this.#events);
  }

  /** One job every `everyMs` however many replicas ask (a BullMQ job scheduler, upserted by id). */
  async every(id: string, everyMs: number, name: JobName): Promise<void> {
    await this.schedule.upsertJobScheduler(id, { every: everyMs }, { name, data: {}, opts: { attempts: 1 } });
  }

  /** Jobs of both queues by state (waiting, prioritized, active, delayed, failed, completed). */
  async counts(): Promise<Record<string, number>> {
    const states = ["waiting", "prioritized", "active", "delayed", "failed", "completed"] as const;
    const [work, schedule] = await Promise.all([
      this.work.getJobCounts(...states),
      this.schedule.getJobCounts(...states),
    ]);
    return Object.fromEntries(states.map((s) => [s, (work[s] ?? 0) + (schedule[s] ?? 0)]));
  }

  /** How long the oldest job ready to run has waited (0 when none). */
  async oldestWaitingMs(now = Date.now()): Promise<number> {
    const jobs = await this.work.getJobs(["waiting", "prioritized"], 0, 20, true);
    const oldest = Math.min(now, ...jobs.map((j) => j.timestamp));
    return Math.max(0, now - oldest);
  }

  /** Jobs running in this replica now. */
  get running(): number {
    return this.#running.size;
  }

  async ping(): Promise<void> {
    await this.#producer.ping();
  }

  /**
   * Stops taking jobs and lets the running ones finish until `deadlineMs`; then stops anyway. What was still
   * running keeps its lock until it expires, and another replica runs it again (nothing is lost).
   */
  async close(deadlineMs: number): Promise<{ unfinished: string[] }> {
    const [work, schedule] = this.#workers as [Worker, Worker];
    // A tick only waits for the sweeps it fanned out, which this replica no longer runs: it is handed
    // over at once (its sweeps are in Redis already; another replica's tick or the next one covers them).
    void schedule.close(true).catch(() => undefined);
    const finished = await within(
      work.close().then(() => true),
      deadlineMs,
    );
    const unfinished = finished ? [] : [...this.#running.values()];
    // Past the deadline nothing more is awaited for long: the process is about to exit, and whatever it
    // held is released by its locks' expiry.
    if (!finished) void Promise.all(this.#workers.map((w) => w.close(true))).catch(() => undefined);
    await within(Promise.all([this.work.close(), this.schedule.close(), this.#events.close()]), 2_000);
    return { unfinished };
  }
}

/** `promise`'s value, or false when it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | false> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.catch(() => false as const),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The object or repository a job is about, for logs. */
export function jobKey(job: Job): string {
  const data = job.data as { key?: string; owner?: string; repo?: string };
  return data.key ?? (data.owner && data.repo ? `${data.owner}/${data.repo}` : "");
}
