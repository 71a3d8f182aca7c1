import { readFileSync } from "node:fs";
import { startAppServer } from "./startAppServer.js";
import { durationMs } from "../core/time/parseDuration.js";

// Production entry: `npm start` with the App's credentials in the environment (Probot's variable names).
const appId = process.env.APP_ID;
const privateKey =
  process.env.PRIVATE_KEY ??
  (process.env.PRIVATE_KEY_PATH ? readFileSync(process.env.PRIVATE_KEY_PATH, "utf8") : undefined);
const secret = process.env.WEBHOOK_SECRET;
if (!appId || !privateKey || !secret) {
  console.error(
    [
      "Expedite needs a GitHub App to talk to: set APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET.",
      'See README.md, section "Run it as a GitHub App". To try it without GitHub, run `npm run demo`:',
      "it starts a local GitHub simulator and plays an incident against the real server.",
    ].join("\n"),
  );
  process.exit(2);
}
const baseUrl =
  process.env.GITHUB_API_URL ??
  (process.env.GHE_HOST
    ? `${process.env.GHE_PROTOCOL ?? "https"}://${process.env.GHE_HOST}/api/v3`
    : undefined);
const server = await startAppServer({
  appId,
  privateKey: privateKey.includes("BEGIN") ? privateKey : Buffer.from(privateKey, "base64").toString("utf8"),
  secret,
  ...(baseUrl ? { baseUrl } : {}),
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? "0.0.0.0",
  scheduleIntervalMs: durationMs(process.env.EXPEDITE_SCHEDULE_INTERVAL ?? "1m"),
  logLevel: (process.env.LOG_LEVEL as "info" | undefined) ?? "info",
});
console.log(`Expedite is listening for webhooks at ${server.webhookUrl}`);
const shutdown = () => void server.stop().then(() => process.exit(0));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
