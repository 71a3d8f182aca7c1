import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { parseDuration } from "../core/time/parseDuration.js";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the App server reads from its environment, checked. */
export interface AppEnvironment {
  appId: number;
  privateKey: string;
  secret: string;
  baseUrl?: string;
  port: number;
  host: string;
  webhookPath: string;
  webhookProxyUrl?: string;
  logLevel: LogLevel;
  logFormat: "json" | "pretty";
  scheduleIntervalMs: number;
  shutdownTimeoutMs: number;
  deliveryRecoveryIntervalMs: number;
  /** Spacing of content-creating requests per installation; undefined keeps GitHub's advice (1 s, 3 s). */
  writeSpacingMs?: number;
  /** Requests per installation kept for webhook work: sweeps stop when fewer remain (default 500). */
  quotaReserve: number;
  /** REDIS_URL given: queue, schedules, locks, pacing and caches live in Redis, shared by every replica. */
  redis?: RedisEnvironment;
}

export interface RedisEnvironment {
  url: string;
  /** Prefix of every key Expedite writes (EXPEDITE_REDIS_PREFIX, default "expedite"). */
  prefix: string;
  /** How long a dead replica's job and object locks keep others waiting (EXPEDITE_LOCK_TTL, default 30s). */
  lockTtlMs: number;
  /** Jobs one replica runs at once (EXPEDITE_CONCURRENCY, default 8). */
  concurrency: number;
  /** This replica's name in logs and metrics (EXPEDITE_REPLICA, default the host name and PID). */
  replica: string;
  /** Attempts per job before it fails for good (EXPEDITE_JOB_ATTEMPTS, default 5). */
  attempts: number;
  /** First retry's delay, doubled at each further one (EXPEDITE_JOB_BACKOFF, default 2s). */
  backoffMs: number;
}

export type EnvironmentResult = { ok: true; env: AppEnvironment } | { ok: false; problems: string[] };

/**
 * Reads and checks the App's variables (Probot's names where Probot has one) before anything starts, so a
 * mistake is reported at start-up as "VARIABLE: what is wrong; what to set" rather than as a stack trace or
 * as a failure at the first webhook. Every problem is collected, not just the first.
 */
export function readEnvironment(vars: NodeJS.ProcessEnv): EnvironmentResult {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = vars[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };

  const rawAppId = value("APP_ID");
  let appId = 0;
  if (rawAppId === undefined)
    problems.push("APP_ID is not set: use the App ID shown on the App's settings page (a number).");
  else if (!/^\d+$/.test(rawAppId))
    problems.push(`APP_ID=${rawAppId} is not a number: use the App ID shown on the App's settings page.`);
  else appId = Number(rawAppId);

  const privateKey = readPrivateKey(vars, problems);

  const secret = value("WEBHOOK_SECRET");
  if (secret === undefined)
    problems.push(
      "WEBHOOK_SECRET is not set: use the webhook secret entered in the App's settings (deliveries are verified with it).",
    );

  const baseUrl = apiBase(vars, problems);

  const rawPort = value("PORT") ?? "3000";
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65_535)
    problems.push(`PORT=${rawPort} is not a TCP port: use a number from 1 to 65535 (default 3000).`);

  const webhookPath = value("WEBHOOK_PATH") ?? "/api/github/webhooks";
  if (!webhookPath.startsWith("/"))
    problems.push(`WEBHOOK_PATH=${webhookPath} must start with "/", for example /api/github/webhooks.`);

  const webhookProxyUrl = value("WEBHOOK_PROXY_URL");
  if (webhookProxyUrl !== undefined && !isHttpUrl(webhookProxyUrl))
    problems.push(
      `WEBHOOK_PROXY_URL=${webhookProxyUrl} is not an http(s) URL: use the channel URL from https://smee.io/new, or unset it.`,
    );

  const rawLevel = (value("LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(rawLevel))
    problems.push(`LOG_LEVEL=${rawLevel} is not a level: use one of ${LOG_LEVELS.join(", ")}.`);

  const rawFormat = (value("LOG_FORMAT") ?? "pretty").toLowerCase();
  if (rawFormat !== "json" && rawFormat !== "pretty")
    problems.push(
      `LOG_FORMAT=${rawFormat} is not a format: use json (one JSON object a line) or pretty (for people).`,
    );

  const scheduleIntervalMs = duration(vars, "EXPEDITE_SCHEDULE_INTERVAL", "1m", 1_000, problems);
  const shutdownTimeoutMs = duration(vars, "EXPEDITE_SHUTDOWN_TIMEOUT", "8s", 1_000, problems);
  const deliveryRecoveryIntervalMs = duration(
    vars,
    "EXPEDITE_DELIVERY_RECOVERY_INTERVAL",
    "5m",
    60_000,
    problems,
  );

  const rawSpacing = value("EXPEDITE_WRITE_SPACING_MS");
  if (rawSpacing !== undefined && !/^\d+$/.test(rawSpacing))
    problems.push(
      `EXPEDITE_WRITE_SPACING_MS=${rawSpacing} is not a number of milliseconds: unset it to keep GitHub's advised pacing.`,
    );

  const quotaReserve = count(vars, "EXPEDITE_QUOTA_RESERVE", 500, problems);
  const redis = redisEnvironment(vars, problems);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    env: {
      appId,
      privateKey: privateKey!,
      secret: secret!,
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      port,
      host: value("HOST") ?? "0.0.0.0",
      webhookPath,
      ...(webhookProxyUrl !== undefined ? { webhookProxyUrl } : {}),
      logLevel: rawLevel as LogLevel,
      logFormat: rawFormat as "json" | "pretty",
      scheduleIntervalMs,
      shutdownTimeoutMs,
      deliveryRecoveryIntervalMs,
      ...(rawSpacing !== undefined ? { writeSpacingMs: Number(rawSpacing) } : {}),
      quotaReserve,
      ...(redis ? { redis } : {}),
    },
  };
}

/** REDIS_URL and the settings that only matter with it; undefined without REDIS_URL (embedded mode). */
function redisEnvironment(vars: NodeJS.ProcessEnv, problems: string[]): RedisEnvironment | undefined {
  const url = vars.REDIS_URL?.trim();
  if (!url) return undefined;
  let valid = false;
  try {
    valid = ["redis:", "rediss:"].includes(new URL(url).protocol);
  } catch {
    valid = false;
  }
  if (!valid)
    problems.push(
      "REDIS_URL is not a redis:// or rediss:// URL: use for example redis://redis:6379/0, or unset it to run one process without Redis.",
    );
  const prefix = vars.EXPEDITE_REDIS_PREFIX?.trim() || "expedite";
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix))
    problems.push(
      `EXPEDITE_REDIS_PREFIX=${prefix} may hold only letters, digits, "_", "." and "-": every replica must use the same one.`,
    );
  return {
    url,
    prefix,
    lockTtlMs: duration(vars, "EXPEDITE_LOCK_TTL", "30s", 1_000, problems),
    concurrency: count(vars, "EXPEDITE_CONCURRENCY", 8, problems, 1),
    replica: vars.EXPEDITE_REPLICA?.trim() || `${hostname()}-${process.pid}`,
    attempts: count(vars, "EXPEDITE_JOB_ATTEMPTS", 5, problems, 1),
    backoffMs: duration(vars, "EXPEDITE_JOB_BACKOFF", "2s", 1_000, problems),
  };
}

function count(vars: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], minimum = 0) {
  const text = vars[name]?.trim();
  if (text === undefined || text === "") return fallback;
  if (!/^\d+$/.test(text) || Number(text) < minimum) {
    problems.push(`${name}=${text} is not a whole number of at least ${minimum}: unset it for ${fallback}.`);
    return fallback;
  }
  return Number(text);
}

/** PRIVATE_KEY (PEM, or base64 of the PEM) or PRIVATE_KEY_PATH; parsed now so a bad key stops the start. */
function readPrivateKey(vars: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const inline = vars.PRIVATE_KEY?.trim();
  const path = vars.PRIVATE_KEY_PATH?.trim();
  let pem: string | undefined;
  let name = "PRIVATE_KEY";
  if (inline) {
    // Env files and secret stores often turn the PEM's line breaks into a literal "\n".
    const text = inline.replace(/\\n/g, "\n");
    pem = text.includes("-----BEGIN") ? text : Buffer.from(text, "base64").toString("utf8");
  } else if (path) {
    name = "PRIVATE_KEY_PATH";
    try {
      pem = readFileSync(path, "utf8");
    } catch (error) {
      problems.push(
        `PRIVATE_KEY_PATH=${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): point it at the .pem file downloaded from the App's settings.`,
      );
      return undefined;
    }
  } else {
    problems.push(
      "PRIVATE_KEY is not set: set PRIVATE_KEY to the App's private key (PEM, or its base64) or PRIVATE_KEY_PATH to the .pem file.",
    );
    return undefined;
  }
  try {
    createPrivateKey(pem);
  } catch {
    problems.push(
      `${name} does not hold a usable private key: generate one under "Private keys" in the App's settings and give the whole .pem (BEGIN and END lines included).`,
    );
    return undefined;
  }
  return pem;
}

/** GITHUB_API_URL, or the API of a GitHub Enterprise Server named by GHE_HOST; undefined for github.com. */
function apiBase(vars: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const explicit = vars.GITHUB_API_URL?.trim();
  if (explicit) {
    if (!isHttpUrl(explicit))
      problems.push(
        `GITHUB_API_URL=${explicit} is not an http(s) URL: use https://api.github.com or https://<host>/api/v3.`,
      );
    return explicit.replace(/\/+$/, "");
  }
  const host = vars.GHE_HOST?.trim();
  if (!host) return undefined;
  const protocol = vars.GHE_PROTOCOL?.trim() || "https";
  if (protocol !== "https" && protocol !== "http") {
    problems.push(`GHE_PROTOCOL=${protocol} must be https or http.`);
    return undefined;
  }
  return `${protocol}://${host}/api/v3`;
}

function duration(
  vars: NodeJS.ProcessEnv,
  name: string,
  fallback: string,
  minimumMs: number,
  problems: string[],
): number {
  const text = vars[name]?.trim() || fallback;
  const ms = parseDuration(text);
  if (ms === undefined) {
    problems.push(
      `${name}=${text} is not a duration: write a number with a unit, such as ${fallback}, 90s or 1h30m.`,
    );
    return 0;
  }
  if (ms < minimumMs) {
    problems.push(`${name}=${text} is too short: use at least ${minimumMs / 1000}s.`);
    return 0;
  }
  return ms;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
