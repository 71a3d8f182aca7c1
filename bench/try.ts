import { lifecycle, freeze } from "./scenarios/events.js";
const mode = (process.argv[2] ?? "app") as "app" | "action";
for (const fn of [lifecycle, freeze]) {
  const t = performance.now();
  const r = await fn(mode);
  console.log(r.scenario, mode, Math.round(performance.now() - t), "ms", JSON.stringify(r.totals), "verr", r.validationErrors);
  for (const s of r.steps) console.log(s.step.padEnd(45), "h", s.deliveries.human, "b", s.deliveries.bot, "R", s.requests.reads, "W", s.requests.writes, "auth", s.requests.auth, "setup", s.requests.setup, "floor", s.floor.reads, "+", s.floor.writes, "ratio", s.ratio, JSON.stringify(s.excess), JSON.stringify(s.floor.units));
  console.log(r.excess);
}
