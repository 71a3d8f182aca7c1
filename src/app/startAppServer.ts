import { Probot, Server } from "probot";
import { pino } from "pino";
import type { Logger as PinoLogger } from "pino";
import type { Clock } from "../core/clock.js";
import { createExpediteApp } from "./expediteApp.js";
import type { ExpediteApp } from "./expediteApp.js";
import { expediteOctokit } from "./expediteOctokit.js";
import { freePort } from "./freePort.js";
import type { ThrottleTuning } from "./expediteOctokit.js";

export interface AppServerOptions {
  appId: number | string;
  privateKey: string;
  secret: string;
  /** GitHub's REST base: https://api.github.com, a GHES /api/v3 URL, or the simulator. */
  baseUrl?: string;
  port?: number;
  host?: string;
  clock?: Clock;
  scheduleIntervalMs?: number;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  log?: PinoLogger;
  throttle?: ThrottleTuning;
  /** Channel secrets come from here instead of process.env (tests, embedding). */
  env?: Record<string, string | undefined>;
  channelTimeoutMs?: number;
}

export interface AppServer {
  url: string;
  webhookUrl: string;
  expedite: ExpediteApp;
  stop: () => Promise<void>;
}

/** Starts the real Probot HTTP server with Expedite loaded; pointed at GitHub the way GHES apps are. */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const log = options.log ?? pino({ level: options.logLevel ?? "info", name: "expedite" });
  const expedite = createExpediteApp({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scheduleIntervalMs !== undefined ? { scheduleIntervalMs: options.scheduleIntervalMs } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.channelTimeoutMs !== undefined ? { channelTimeoutMs: options.channelTimeoutMs } : {}),
  });
  const ProbotWithDefaults = Probot.defaults({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.secret,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    Octokit: expediteOctokit(options.throttle),
    log,
  });
  const server = new Server({
    Probot: ProbotWithDefaults,
    port: options.port || (await freePort(options.host ?? "127.0.0.1")),
    host: options.host ?? "127.0.0.1",
    log,
  });
  await server.load(expedite.app);
  await server.start();
  const url = `http://${server.host}:${server.port}`;
  return {
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    expedite,
    stop: async () => {
      expedite.stop();
      await expedite.queue.idle();
      await server.stop();
    },
  };
}
