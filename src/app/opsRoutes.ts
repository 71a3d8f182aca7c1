import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import type { Health, HealthReport } from "./health.js";

/**
 * The operator's endpoints beside the webhook path: GET /healthz (liveness), GET /readyz (readiness) and
 * GET /metrics (Prometheus text format). Returns false for anything else so Probot's handlers run.
 */
export function opsRoutes(health: Health, registry: Registry) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = (req.url ?? "").split("?")[0];
    if (path === "/healthz") {
      send(res, health.live());
      return true;
    }
    if (path === "/readyz") {
      send(res, await health.ready());
      return true;
    }
    if (path === "/metrics") {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
      return true;
    }
    return false;
  };
}

function send(res: ServerResponse, report: HealthReport): void {
  res
    .writeHead(report.ok ? 200 : 503, { "content-type": "application/json" })
    .end(JSON.stringify({ status: report.ok ? "ok" : "unavailable", problems: report.problems }));
}
