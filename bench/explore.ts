import { World, formBody, minutes } from "../test/e2e/support/world.js";
import { comment, openIncident, SEV1 } from "../test/e2e/support/people.js";

const w = await World.start({ mode: "app", config: { postmortem: { reviewers: ["frank"] } } });
let mark = 0;
const step = async (name: string, fn: () => Promise<unknown>) => {
  const d0 = w.sim.deliveries.length;
  await fn();
  await w.settle();
  const reqs = w.sim.requests.slice(mark).filter((r) => r.identity !== "alice" && r.identity !== "bob" && r.identity !== "dave");
  mark = w.sim.requests.length;
  const ds = w.sim.deliveries.slice(d0).map((d) => `${d.event}.${d.action ?? ""}:${(d.payload as {sender?:{login?:string}}).sender?.login}`);
  console.log(`\n## ${name}  deliveries=${ds.join(", ")}`);
  for (const r of reqs) console.log(`  ${r.method} ${r.route} ${r.status} ${r.identity}`);
};
let n = 0;
await step("declare", async () => { n = await openIncident(w, "alice", "[Incident] Checkout failing", formBody({ Summary: "500s", Severity: SEV1, "Revenue affected": "Yes" })); });
w.clock.advance(minutes(4));
await step("ack", () => comment(w, "bob", n, "/ack"));
await step("comms", () => comment(w, "bob", n, "/comms @dave"));
for (let i = 0; i < 3; i++) { w.clock.advance(minutes(10)); await step("update", () => comment(w, "bob", n, `/update step ${i} next 30m`)); }
await step("mitigate", () => comment(w, "bob", n, "/mitigate backup gateway"));
await step("resolve", () => comment(w, "bob", n, "/resolve Renewed the expired TLS certificate on the primary gateway; errors gone"));
await step("sweep-idle", () => w.sweep());
await step("sweep-idle2", () => w.sweep());
await w.close();
