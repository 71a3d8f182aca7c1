import { it } from "vitest";
import { generateScenario } from "./support/scenario.js";
import { runScenario } from "./support/runScenario.js";
import { differences } from "./support/diff.js";

it("explore", async () => {
  const script = generateScenario(7, { incidents: 6, pulls: 4, ticks: 10, actionsPerTick: [5, 7] });
  console.log("actions", script.actions, script.incidents, script.pulls);
  let t = Date.now();
  const a = await runScenario(script, "orderly");
  console.log("orderly alone ms", Date.now() - t);
  const { expect } = await import("vitest");
  for (const m of [
    "drop",
    "shuffle",
    "duplicate-concurrent",
    "duplicate-sequential",
    "everything",
  ] as const) {
    t = Date.now();
    const r = await runScenario(script, m);
    console.log(m, "ms", Date.now() - t, JSON.stringify(r.stats), r.duplicates);
    await r.world.close();
    console.log("DIFF", m, differences(a.snapshot, r.snapshot).join("\n"));
  }
  await a.world.close();
}, 600_000);
