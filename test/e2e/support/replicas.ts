import { createServer, request } from "node:http";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { stringify } from "yaml";
import { startSimulator } from "@expedite/github-simulator";
import type { Simulator } from "@expedite/github-simulator";
import { appKeys, keyFile, startProductionApp } from "./productionApp.js";
import type { ProductionApp } from "./productionApp.js";
import { PEOPLE } from "../../harness/index.js";

export const OWNER = "acme";
export const REPO = "shop";
export const FULL = `${OWNER}/${REPO}`;
export const APP_ID = 4242;
export const SECRET = "replica-test-secret";
export const BOT = "expedite[bot]";

/** A simulated GitHub on the real clock with one repository where the App is installed, and its keys. */
export async function replicaGitHub(
  config: Record<string, unknown> = {},
  /** More repositories of the same owner, covered by the installation too (empty, no config). */
  more: string[] = [],
): Promise<{ sim: Simulator; privateKeyPath: string }> {
  const { privateKey, publicKey } = appKeys();
  const sim = await startSimulator({
    apps: [{ id: APP_ID, slug: "expedite", name: "Expedite", publicKeyPem: publicKey }],
  });
  for (const login of Object.keys(PEOPLE)) sim.addUser(login, { orgs: [OWNER] });
  sim.createRepo({
    owner: OWNER,
    name: REPO,
    defaultBranch: "main",
    ownerType: "Organization",
    files: { "README.md": "# shop\n", ".github/expedite.yml": stringify(config) },
  });
  for (const name of more)
    sim.createRepo({ owner: OWNER, name, defaultBranch: "main", ownerType: "Organization" });
  for (const [login, role] of Object.entries(PEOPLE)) sim.setPermission(FULL, login, role);
  sim.installApp(APP_ID, OWNER, [FULL, ...more.map((name) => `${OWNER}/${name}`)]);
  return { sim, privateKeyPath: keyFile(privateKey) };
}

export interface Balancer {
  url: string;
  /** Where deliveries go from now on (a replica killed or started changes it, as health checks would). */
  backends: string[];
  /** Deliveries the balancer answered itself because no replica took them. */
  refused: number;
  close: () => Promise<void>;
}

/**
 * A round-robin load balancer in front of the replicas' webhook endpoints. A replica that refuses the
 * connection or drops it is skipped and the next one tried (a webhook delivery may be sent twice: handling
 * is idempotent), as a load balancer with passive health checks does. No replica at all: 502, which GitHub
 * records as a failed delivery.
 */
export async function startBalancer(): Promise<Balancer> {
  let next = 0;
  const balancer: Balancer = {
    url: "",
    backends: [],
    refused: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const forward = (backend: string, req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      const target = new URL(req.url ?? "/", backend);
      const out = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (c: Buffer) => chunks.push(c));
          answer.on("end", () =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: { "content-type": String(answer.headers["content-type"] ?? "text/plain") },
              body: Buffer.concat(chunks),
            }),
          );
          answer.on("error", reject);
        },
      );
      out.on("error", reject);
      out.end(body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      void (async () => {
        const backends = [...balancer.backends];
        for (let i = 0; i < backends.length; i++) {
          const backend = backends[next++ % backends.length]!;
          try {
            const answer = await forward(backend, req, body);
            res.writeHead(answer.status, answer.headers).end(answer.body);
            return;
          } catch {
            // connection refused or dropped: try the next replica
          }
        }
        balancer.refused++;
        res.writeHead(502).end("no replica available");
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return balancer;
}

export interface ReplicaOptions {
  sim: Simulator;
  privateKeyPath: string;
  /** REDIS_URL; omitted: the embedded mode (one process). */
  redisUrl?: string;
  prefix?: string;
  vars?: Record<string, string>;
}

/** Starts one replica: the production bundle as a child process, pointed at the simulator. */
export function startReplica(name: string, options: ReplicaOptions): Promise<ProductionApp> {
  return startProductionApp({
    APP_ID: String(APP_ID),
    PRIVATE_KEY_PATH: options.privateKeyPath,
    WEBHOOK_SECRET: SECRET,
    GITHUB_API_URL: options.sim.url,
    EXPEDITE_REPLICA: name,
    EXPEDITE_WRITE_SPACING_MS: "0",
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(options.prefix ? { EXPEDITE_REDIS_PREFIX: options.prefix } : {}),
    ...options.vars,
  });
}

/** Every JSON log line of the given replicas, parsed. */
export function logLines(apps: ProductionApp[]): Array<Record<string, unknown>> {
  return apps.flatMap((app) =>
    app.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    }),
  );
}

/** Pairs of lane intervals of one object that overlap, across every replica's log ("lane released"). */
export function laneOverlaps(apps: ProductionApp[]): string[] {
  const byLane = new Map<string, Array<{ from: number; to: number }>>();
  for (const line of logLines(apps)) {
    if (line.msg !== "lane released") continue;
    const lane = String(line.lane);
    byLane.set(lane, [...(byLane.get(lane) ?? []), { from: Number(line.from), to: Number(line.to) }]);
  }
  const overlaps: string[] = [];
  for (const [lane, spans] of byLane) {
    spans.sort((a, b) => a.from - b.from);
    for (let i = 1; i < spans.length; i++)
      if (spans[i]!.from < spans[i - 1]!.to)
        overlaps.push(`${lane}: ${JSON.stringify(spans.slice(i - 1, i + 1))}`);
  }
  return overlaps;
}

/** Lane intervals logged, across replicas (to show the overlap check had something to check). */
export function laneCount(apps: ProductionApp[]): number {
  return logLines(apps).filter((l) => l.msg === "lane released").length;
}

export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 60_000,
  explain: () => string | Promise<string> = () => "",
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${await explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
