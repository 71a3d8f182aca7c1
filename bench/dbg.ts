import { startHarness, seedPulls, FULL } from "./lib/harness.js";
const START = Date.parse("2026-11-17T15:00:00Z");
const h = await startHarness({ start: START + 15 * 60000, config: { freeze: { windows: [{ name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" }] }, severity: { postmortem: [] } } });
const [n] = await seedPulls(h, 1, "f");
for (const m of [61, 62, 75, 181, 195]) {
  h.clock.set(START + m * 60000);
  await h.app.expedite.sweepAll();
  const sha = h.sim.pull(FULL, n!)!.head.sha;
  console.log(m, h.sim.checkRuns(FULL, sha).map((r) => `${r.conclusion} ${r.output.title}`));
}
console.log(h.sim.issues(FULL).map(i=>`${i.number} ${i.title} ${i.state} ${i.labels}`));
await h.close(); process.exit(0);
