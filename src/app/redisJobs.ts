import type { Job } from "bullmq";
import type { Logger as PinoLogger } from "pino";
import type { Logger } from "../github/types.js";
import type { Target } from "../reconcile/targetsOf.js";
import type { JobHandlers } from "./durableQueue.js";
import type { Metrics } from "./metrics.js";
import type { RedisRuntime } from "./redisRuntime.js";

/** A reconcile of one object as a job: what the webhook (or alert) asked, and where. */
export interface ObjectJob {
  installationId: number;
  owner: string;
  repo: string;
  key: string;
  target: Target;
  /** The webhook delivery that asked for it (GitHub's X-GitHub-Delivery), for the logs. */
  delivery?: string;
}

/** An incident to reconcile when its next clock comes due. */
export interface Wake {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
}

const latestKey = (redis: RedisRuntime, key: string) => `${redis.prefix}:latest:${key}`;

/** Puts a job for one object in Redis; resolves once Redis accepted it, rejects at once when it cannot. */
export async function enqueueObject(redis: RedisRuntime, job: ObjectJob, priority: number): Promise<void> {
  // The newest event's view of the object, read by whichever job runs next (a waiting job keeps the data
  // it was added with; BullMQ keeps the newest only for the job that waits behind a running one).
  await redis.client.set(latestKey(redis, job.key), JSON.stringify(job.target), "EX", 86_400);
  await redis.queue.add("object", job, { priority, dedup: job.key });
}

/** What the jobs call back into: the App's reconcile of one target, and the scheduler's passes. */
export interface JobWork {
  run: (
    job: ObjectJob | (Wake & { key: string }),
    target: Target,
    log: Logger,
    kind?: string,
  ) => Promise<unknown>;
  sweepRepo: (installationId: number, owner: string, repo: string) => Promise<boolean>;
  sweepAll: () => Promise<void>;
  recoverAll: () => Promise<void>;
  /** The App's logger, once Probot has loaded it. */
  log: () => PinoLogger | undefined;
}

/**
 * What each job does on whichever replica runs it, and what a failed attempt leaves: a retry logged as a
 * warning, or, after the last attempt, an error with the delivery id and a count in the metrics.
 */
export function redisJobHandlers(redis: RedisRuntime, metrics: Metrics, work: JobWork): JobHandlers {
  const process = async (name: string, job: Job): Promise<unknown> => {
    const log = work.log();
    if (!log) throw new Error("the App is not loaded yet");
    switch (name) {
      case "object": {
        const data = job.data as ObjectJob;
        const newest = await redis.client.getdel(latestKey(redis, data.key));
        let target = data.target;
        if (newest) {
          target = JSON.parse(newest) as Target;
          // A retry must use the newest view too: it is no longer in Redis.
          await job.updateData({ ...data, target });
        }
        await work.run(data, target, log.child({ delivery: data.delivery, job: job.id }));
        return true;
      }
      case "wake": {
        const data = job.data as Wake & { key: string; at: number };
        const child = log.child({ wakeUp: data.key, job: job.id });
        child.info({ at: data.at }, "deadline wake-up");
        await work.run(data, { kind: "issue", number: data.number }, child, "wake-up");
        return true;
      }
      case "sweep-repo": {
        const data = job.data as { installationId: number; owner: string; repo: string };
        return work.sweepRepo(data.installationId, data.owner, data.repo);
      }
      case "tick":
        log.info({ tick: job.id, replica: redis.replica }, "sweep tick");
        await work.sweepAll();
        return true;
      case "recover":
        await work.recoverAll();
        return true;
      default:
        throw new Error(`unknown job ${name}`);
    }
  };
  const failed: JobHandlers["failed"] = (job, error, final) => {
    const data = (job?.data ?? {}) as Partial<ObjectJob>;
    const kind = job?.name ?? "unknown";
    const fields = { err: error, job: job?.id, kind, delivery: data.delivery, key: data.key };
    if (!final) {
      metrics.jobRetries.inc({ kind });
      work.log()?.warn(fields, "job failed; retrying with back-off");
      return;
    }
    metrics.jobsFailed.inc({ kind });
    work
      .log()
      ?.error(fields, "job failed for good (kept in Redis's failed set); the sweep repairs what it left");
  };
  return { process, failed };
}
