import { webhooks } from "./scenarios/webhooks.js";
const t = performance.now();
const runs = await webhooks();
console.log(Math.round(performance.now() - t));
for (const r of runs) console.log(JSON.stringify(r));
