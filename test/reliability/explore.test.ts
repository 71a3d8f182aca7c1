import { it } from "vitest";
import { World, minutes } from "../e2e/support/world.js";
import { SCENARIO_CONFIG } from "./support/runScenario.js";
import { openIncident, comment } from "../e2e/support/people.js";

it("explore", async () => {
  const w = await World.start({ mode: "app", config: SCENARIO_CONFIG });
  const nums: number[] = [];
  for (let i = 0; i < 6; i++) {
    nums.push(await openIncident(w, "alice", "X" + i, "body"));
    await w.settle();
  }
  for (let k = 0; k < 5; k++) {
    w.clock.advance(minutes(30));
    let t = performance.now();
    w.sim.clearLog();
    await w.sweep();
    console.log("sweep", performance.now() - t, w.sim.requests.length);
    t = performance.now();
    w.sim.clearLog();
    await comment(w, "bob", nums[k]!, "/update foo");
    await w.settle();
    console.log("action", performance.now() - t, w.sim.requests.length);
    t = performance.now();
    await w.settle();
    console.log("empty settle", performance.now() - t);
  }
  await w.close();
}, 300_000);
