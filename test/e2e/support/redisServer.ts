import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, delimiter, join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "../../../src/app/freePort.js";

export interface TestRedis {
  /** redis://… of the server (REDIS_URL when given, else a private one on loopback). */
  url: string;
  /** A key prefix of this test file's own, so files running side by side on one server never meet. */
  prefix: string;
  /** Stops the private server (by its PID); a server given by REDIS_URL is left running, its keys deleted. */
  stop: () => Promise<void>;
}

/** Where Debian's `redis-server` package puts the binary, and whatever PATH says. */
function findRedisServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/bin", "/usr/sbin", "/usr/local/bin"];
  return dirs.map((d) => join(d, "redis-server")).find((p) => existsSync(p));
}

async function waitForPing(url: string, deadline: number): Promise<void> {
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A real Redis for a test file: REDIS_URL when the environment names one, otherwise a private
 * `redis-server` on a free loopback port, without persistence, stopped by PID at the end. `file` names the
 * key prefix (`import.meta.url` of the test file).
 */
export async function startTestRedis(file: string): Promise<TestRedis> {
  const prefix = `test-${basename(file)
    .replace(/\.test\.ts$/, "")
    .replace(/[^a-z0-9-]/gi, "-")}-${randomBytes(3).toString("hex")}`;
  const given = process.env.REDIS_URL?.trim();
  if (given) {
    await waitForPing(given, Date.now() + 5_000);
    return {
      url: given,
      prefix,
      stop: async () => {
        const client = new Redis(given);
        const keys = await client.keys(`${prefix}:*`);
        if (keys.length > 0) await client.del(...keys);
        client.disconnect();
      },
    };
  }
  const binary = findRedisServer();
  if (!binary)
    throw new Error(
      "These tests need a real Redis: install the Debian package `redis-server` (apt-get install redis-server), or set REDIS_URL to a server they may use.",
    );
  const port = await freePort();
  const child = spawn(
    binary,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--loglevel",
      "warning",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const url = `redis://127.0.0.1:${port}`;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitForPing(url, Date.now() + 10_000);
  } catch (error) {
    if (pid) process.kill(pid, "SIGKILL");
    throw new Error(`redis-server did not start on port ${port}: ${String(error)}\n${output.join("")}`);
  }
  return {
    url,
    prefix,
    stop: async () => {
      if (pid && child.exitCode === null) process.kill(pid, "SIGTERM");
      await exited;
    },
  };
}
