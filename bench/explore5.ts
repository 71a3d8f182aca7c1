import { APP_ID } from "../test/e2e/support/world.js";
import { generateKeyPairSync } from "node:crypto";
import { startSimulator } from "../src/simulator/index.js";
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { createAppAuth } from "@octokit/auth-app";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } });
const sim = await startSimulator({ apps: [{ id: APP_ID, slug: "expedite", publicKeyPem: publicKey }] });
sim.createRepo({ owner: "acme", name: "shop", files: { "README.md": "x" }, ownerType: "Organization" });
const inst = sim.installApp(APP_ID, "acme", ["acme/shop"]);
const th = { onRateLimit: () => false, onSecondaryRateLimit: () => false };
const variants: Array<[string, Octokit]> = [
  ["core+authapp", new (Octokit)({ baseUrl: sim.url, authStrategy: createAppAuth, auth: { appId: APP_ID, privateKey, installationId: inst } })],
  ["core+retry+authapp", new (Octokit.plugin(retry))({ baseUrl: sim.url, authStrategy: createAppAuth, auth: { appId: APP_ID, privateKey, installationId: inst } })],
  ["core+throttle+authapp", new (Octokit.plugin(throttling))({ baseUrl: sim.url, throttle: th, authStrategy: createAppAuth, auth: { appId: APP_ID, privateKey, installationId: inst } } as never)],
];
for (const [name, o] of variants) {
  await o.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "shop" });
  const t = performance.now();
  for (let i = 0; i < 50; i++) await o.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "shop" });
  console.log(name, ((performance.now() - t) / 50).toFixed(1));
}
await sim.close();
