// Shared fixtures for the simulator tests: an App key pair, a webhook receiver, and a small world.
import { createSign, generateKeyPairSync } from "node:crypto";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Octokit } from "@octokit/rest";
import { type Simulator, type SimulatorOptions, startSimulator } from "../src/index.js";

export const APP_ID = 4242;
export const APP_SLUG = "expedite";
export const REPO = "acme/shop";
export const WEBHOOK_SECRET = "It's a Secret to Everybody";

let keys: { privateKeyPem: string; publicKeyPem: string } | undefined;

export function appKeys(): { privateKeyPem: string; publicKeyPem: string } {
  if (!keys) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    keys = {
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
  }
  return keys;
}

/** An RS256 App JWT, as @octokit/auth-app signs it (iat 30 s in the past, 10 minute lifetime). */
export function signAppJwt(
  appId: number,
  privateKeyPem: string,
  nowSeconds: number,
  overrides: Record<string, unknown> = {},
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const payload = { iat: nowSeconds - 30, exp: nowSeconds - 30 + 600, iss: appId, ...overrides };
  const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${encode(payload)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKeyPem).toString("base64url");
  return `${unsigned}.${signature}`;
}

/**
 * A clock the test moves by hand, passed to the simulator as `clock: clock.now`. The simulator takes any
 * `() => number` (epoch ms) and owns no clock class; Expedite's tests pass the ManualClock of its core.
 */
export function manualClock(start: number | string): { now: () => number; advance(ms: number): void } {
  let now = typeof start === "number" ? start : Date.parse(start);
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

export const silentLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function tokenClient(sim: Simulator, token: string): Octokit {
  return new Octokit({ auth: token, baseUrl: sim.url, log: silentLog });
}

/** Exchanges an App JWT for an installation token over HTTP and returns a client using it. */
export async function installationClient(
  sim: Simulator,
  installationId: number,
  now = Date.now(),
): Promise<Octokit> {
  const jwt = signAppJwt(APP_ID, appKeys().privateKeyPem, Math.floor(now / 1000));
  const { data } = await tokenClient(sim, jwt).apps.createInstallationAccessToken({
    installation_id: installationId,
  });
  return tokenClient(sim, data.token);
}

export interface ReceivedDelivery {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HookReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** Answer every delivery with this status (default 200). */
  status: number;
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const received: ReceivedDelivery[] = [];
  const receiver = { status: 200 } as HookReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(receiver.status).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  receiver.received = received;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

export interface World {
  sim: Simulator;
  installationId: number;
}

/**
 * acme/shop (an organization repo) with the App installed; alice is an org member and maintainer,
 * bob has triage, carol has write, dave is an outside user with no role.
 */
export async function startWorld(options: SimulatorOptions = {}): Promise<World> {
  const sim = await startSimulator({
    apps: [{ id: APP_ID, slug: APP_SLUG, name: "Expedite", publicKeyPem: appKeys().publicKeyPem }],
    ...options,
  });
  sim.createRepo({
    owner: "acme",
    name: "shop",
    ownerType: "Organization",
    files: { "README.md": "# Shop\n", ".github/expedite.yml": "severities: [1, 2]\n" },
  });
  sim.addUser("alice", { orgs: ["acme"] });
  sim.addUser("bob");
  sim.addUser("carol");
  sim.addUser("dave");
  sim.setPermission(REPO, "alice", "maintain");
  sim.setPermission(REPO, "bob", "triage");
  sim.setPermission(REPO, "carol", "write");
  const installationId = sim.installApp(APP_ID, "acme");
  return { sim, installationId };
}

/** Payloads delivered so far, as "event.action" strings. */
export function deliveredEvents(sim: Simulator): string[] {
  return sim.deliveries.map((d) => (d.action ? `${d.event}.${d.action}` : d.event));
}
