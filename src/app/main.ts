import { existsSync } from "node:fs";
import { pino } from "pino";
import { getTransformStream } from "@probot/pino";
import { readEnvironment } from "./readEnvironment.js";
import { startAppServer } from "./startAppServer.js";

// Production entry (`npm start`, the container's command): variables from the environment, and from a
// `.env` file in the working directory as Probot does (a variable already set wins over the file).
if (existsSync(".env")) process.loadEnvFile(".env");
const checked = readEnvironment(process.env);
if (!checked.ok) {
  console.error(
    [
      "Expedite cannot start; fix these variables (README.md, docs/deploy.md):",
      ...checked.problems.map((p) => `  - ${p}`),
      "To try Expedite without a GitHub App, run `npm run demo` from a clone of the repository.",
    ].join("\n"),
  );
  process.exit(2);
}
const env = checked.env;
// LOG_FORMAT=json writes one JSON object a line (for log collectors); pretty formats it for people.
const transform = await getTransformStream({ logFormat: env.logFormat });
transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
const log = pino({ level: env.logLevel, name: "expedite" }, transform);
const server = await startAppServer({
  appId: env.appId,
  privateKey: env.privateKey,
  secret: env.secret,
  ...(env.baseUrl ? { baseUrl: env.baseUrl } : {}),
  port: env.port,
  host: env.host,
  webhookPath: env.webhookPath,
  ...(env.webhookProxyUrl ? { webhookProxyUrl: env.webhookProxyUrl } : {}),
  scheduleIntervalMs: env.scheduleIntervalMs,
  deliveryRecovery: { intervalMs: env.deliveryRecoveryIntervalMs },
  ...(env.writeSpacingMs !== undefined ? { throttle: { writeSpacingMs: env.writeSpacingMs } } : {}),
  quotaReserve: env.quotaReserve,
  ...(env.redis ? { redis: env.redis } : {}),
  log,
  alerts: {
    ...(process.env.EXPEDITE_ALERTS_TOKEN ? { token: process.env.EXPEDITE_ALERTS_TOKEN } : {}),
    ...(process.env.EXPEDITE_SENTRY_CLIENT_SECRET
      ? { sentrySecret: process.env.EXPEDITE_SENTRY_CLIENT_SECRET }
      : {}),
    ...(process.env.EXPEDITE_ALERTS_REPOSITORY ? { repository: process.env.EXPEDITE_ALERTS_REPOSITORY } : {}),
  },
});
log.info(
  env.redis
    ? `Expedite is listening for webhooks at ${server.webhookUrl} (replica ${env.redis.replica}, jobs in Redis)`
    : `Expedite is listening for webhooks at ${server.webhookUrl}`,
);
const shutdown = (signal: string) => {
  log.info({ signal }, "shutting down");
  void server.stop(env.shutdownTimeoutMs).then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
