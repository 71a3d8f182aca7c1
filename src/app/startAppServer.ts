import { Probot, Server } from "probot";
import { pino } from "pino";
import type { Logger as PinoLogger } from "pino";
import type { Clock } from "../core/time/clock.js";
import { createExpediteApp } from "./expediteApp.js";
import type { ExpediteApp } from "./expediteApp.js";
import { expediteOctokit } from "./expediteOctokit.js";
import { freePort } from "./freePort.js";
import { guardWebhooks } from "./guardWebhooks.js";
import type { ThrottleTuning } from "./expediteOctokit.js";
import { Health } from "./health.js";
import { opsRoutes } from "./opsRoutes.js";
import { alertsEndpoint } from "./alertsEndpoint.js";
import type { RedisEnvironment } from "./readEnvironment.js";
import { openRedisRuntime } from "./redisRuntime.js";

export interface AppServerOptions {
  appId: number | string;
  privateKey: string;
  secret: string;
  /** GitHub's REST base: https://api.github.com, a GHES /api/v3 URL, or the simulator. */
  baseUrl?: string;
  port?: number;
  host?: string;
  /** Where webhooks are received (Probot's WEBHOOK_PATH); default /api/github/webhooks. */
  webhookPath?: string;
  /** A smee.io channel to receive webhooks from during local development (Probot's WEBHOOK_PROXY_URL). */
  webhookProxyUrl?: string;
  clock?: Clock;
  scheduleIntervalMs?: number;
  /** See ExpediteAppOptions.wakeUps. */
  wakeUps?: boolean;
  /** See ExpediteAppOptions.deliveryRecovery. */
  deliveryRecovery?: { intervalMs: number; lookbackMs?: number } | false;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  log?: PinoLogger;
  throttle?: ThrottleTuning;
  /** Channel secrets come from here instead of process.env (tests, embedding). */
  env?: Record<string, string | undefined>;
  channelTimeoutMs?: number;
  /** The alerts endpoint's secrets and routing repository (see docs/alerts.md). */
  alerts?: { token?: string; sentrySecret?: string; repository?: string };
  /** Requests per installation kept for webhook work (see ExpediteAppOptions.quotaReserve). */
  quotaReserve?: number;
  /** REDIS_URL and its settings: N replicas share one queue, schedule, lanes, pacing and caches. */
  redis?: RedisEnvironment;
}

export interface ShutdownReport {
  /** Jobs still running or waiting when the deadline passed: left for the next sweep and delivery recovery. */
  unfinished: string[];
}

export interface AppServer {
  url: string;
  webhookUrl: string;
  expedite: ExpediteApp;
  health: Health;
  /**
   * Graceful shutdown: readiness turns false, the listener closes (new connections are refused, so GitHub
   * records those deliveries as failed and delivery recovery picks them up), queued work gets until
   * `deadlineMs` to finish, and whatever is left is logged and reported.
   */
  stop: (deadlineMs?: number) => Promise<ShutdownReport>;
}

/** Starts the real Probot HTTP server with Expedite loaded; pointed at GitHub the way GHES apps are. */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const log = options.log ?? pino({ level: options.logLevel ?? "info", name: "expedite" });
  const redis = options.redis ? await openRedisRuntime(options.redis, () => log) : undefined;
  const expedite = createExpediteApp({
    ...(redis ? { redis } : {}),
    ...(options.quotaReserve !== undefined ? { quotaReserve: options.quotaReserve } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scheduleIntervalMs !== undefined ? { scheduleIntervalMs: options.scheduleIntervalMs } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.channelTimeoutMs !== undefined ? { channelTimeoutMs: options.channelTimeoutMs } : {}),
    ...(options.wakeUps !== undefined ? { wakeUps: options.wakeUps } : {}),
    ...(options.deliveryRecovery !== undefined ? { deliveryRecovery: options.deliveryRecovery } : {}),
  });
  const ProbotWithDefaults = Probot.defaults({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.secret,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    Octokit: expediteOctokit(
      options.throttle,
      redis ? { connection: redis.bottleneck, prefix: redis.prefix } : undefined,
    ),
    log,
  });
  const webhookPath = options.webhookPath ?? "/api/github/webhooks";
  const server = new Server({
    Probot: ProbotWithDefaults,
    port: options.port || (await freePort(options.host ?? "127.0.0.1")),
    host: options.host ?? "127.0.0.1",
    webhookPath,
    ...(options.webhookProxyUrl ? { webhookProxy: options.webhookProxyUrl } : {}),
    log,
  });
  let stopping = false;
  const health = new Health({
    stopping: () => stopping,
    schedulerLastTick: expedite.lastTick,
    schedulerIntervalMs: options.scheduleIntervalMs ?? 60_000,
    oldestWaitingMs: redis ? () => redis.queue.oldestWaitingMs() : () => expedite.queue.oldestWaitingMs(),
    checkGitHub: expedite.checkGitHub,
    ...(redis ? { checkRedis: () => redis.queue.ping() } : {}),
  });
  server.addHandler(opsRoutes(health, expedite.metrics.registry));
  await server.load(expedite.app);
  await server.load(
    alertsEndpoint({
      ...(options.alerts?.token ? { token: options.alerts.token } : {}),
      ...(options.alerts?.sentrySecret ? { sentrySecret: options.alerts.sentrySecret } : {}),
      ...(options.alerts?.repository ? { home: options.alerts.repository } : {}),
      clock: options.clock ?? Date.now,
      caches: expedite.caches,
      reconcile: expedite.enqueue,
    }),
  );
  const http = await server.start();
  // Jobs start once the replica listens: a redelivery its recovery pass asks for must find it up.
  await expedite.startJobs();
  guardWebhooks(http, { path: webhookPath, secret: options.secret, log });
  const url = `http://${server.host}:${server.port}`;
  let stopped: Promise<ShutdownReport> | undefined;
  return {
    url,
    webhookUrl: `${url}${webhookPath}`,
    expedite,
    health,
    stop: (deadlineMs = 30_000) =>
      (stopped ??= (async () => {
        stopping = true;
        expedite.stop();
        await server.stop();
        if (redis) {
          // Jobs are in Redis: what this replica cannot finish in time is run again by another one.
          const report = await redis.queue.close(deadlineMs);
          await redis.close();
          if (report.unfinished.length > 0)
            log.warn(
              { running: report.unfinished },
              `shutdown deadline passed with ${report.unfinished.length} job(s) running; their locks expire and another replica runs them again`,
            );
          return report;
        }
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          expedite.queue.idle().then(() => true),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), deadlineMs);
          }),
        ]);
        clearTimeout(timer);
        if (finished) return { unfinished: [] };
        const { running, waiting } = expedite.queue.unfinished();
        const unfinished = [...running, ...waiting];
        log.warn(
          { running, waiting },
          `shutdown deadline passed with ${unfinished.length} job(s) unfinished; the next start's sweep and delivery recovery repair them`,
        );
        return { unfinished };
      })()),
  };
}
