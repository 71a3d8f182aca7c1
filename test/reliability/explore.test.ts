import { it } from "vitest";
import { World } from "../e2e/support/world.js";
import { declareIncident } from "./support/incidents.js";

it("explore", async () => {
  const w = await World.start({ mode: "app" });
  const t0 = Date.now();
  const stamp: string[] = [];
  const orig = w.sim.requests.push.bind(w.sim.requests);
  (w.sim.requests as any).push = (...r: any[]) => { stamp.push(`${Date.now() - t0} ${r[0].method} ${r[0].path}`); return orig(...r); };
  w.sim.addFault({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/labels", status: 500 });
  await declareIncident(w);
  await w.settle();
  console.log(stamp.join("\n"));
  await w.close();
}, 300_000);
