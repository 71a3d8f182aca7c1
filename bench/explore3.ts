import { World, formBody } from "../test/e2e/support/world.js";
import { SEV3 } from "../test/e2e/support/people.js";
const w = await World.start({ mode: "app", config: {} });
w.sim.setWebhook(undefined);
const alice = w.as("alice");
for (let i = 0; i < 20; i++) await alice.rest.issues.create({ owner: "acme", repo: "shop", title: `inc`, body: formBody({ Summary: "x", Severity: SEV3 }), labels: ["incident"] });
await w.app!.expedite.sweepAll();
const times: number[] = [];
const reqs = w.sim.requests as unknown as { push: (...a: unknown[]) => number };
const orig = reqs.push.bind(reqs);
reqs.push = (...a: unknown[]) => { times.push(performance.now()); return orig(...a); };
w.sim.clearLog();
const t = performance.now(); const c0 = process.cpuUsage();
await w.app!.expedite.sweepAll();
console.log("sweep", performance.now() - t, process.cpuUsage(c0));
for (let i = 0; i < Math.min(30, w.sim.requests.length); i++) { const r = w.sim.requests[i]!; console.log((times[i]! - t).toFixed(1), r.method, r.route); }
await w.close();
