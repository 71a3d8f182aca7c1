import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../../src/app/freePort.js";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
/** The production bundle: what `npm start` and the Dockerfile's CMD run. */
export const APP_BUNDLE = "dist/app.js";

export function appKeys(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
}

export interface ProductionApp {
  url: string;
  webhookUrl: string;
  child: ChildProcess;
  /** Every line the process printed (JSON lines with LOG_FORMAT=json). */
  output: string[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Runs the production bundle as a child process, as `npm start` does, with the given variables (the App's
 * credentials are filled in) and waits until it answers /healthz.
 */
export async function startProductionApp(
  vars: Record<string, string>,
  options: { cwd?: string; waitReady?: boolean } = {},
): Promise<ProductionApp> {
  const port = vars.PORT ?? String(await freePort());
  const output: string[] = [];
  const child = spawn(process.execPath, ["--enable-source-maps", join(ROOT, APP_BUNDLE)], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", LOG_FORMAT: "json", ...vars, PORT: port },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const app: ProductionApp = {
    url,
    webhookUrl: `${url}${vars.WEBHOOK_PATH ?? "/api/github/webhooks"}`,
    child,
    output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
  if (options.waitReady === false) return app;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the App exited with ${child.exitCode}:\n${output.join("\n")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the App did not answer /healthz within 20s:\n${output.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A private key file for PRIVATE_KEY_PATH. */
export function keyFile(privateKey: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "expedite-key-")), "app.pem");
  writeFileSync(path, privateKey, { mode: 0o600 });
  return path;
}
