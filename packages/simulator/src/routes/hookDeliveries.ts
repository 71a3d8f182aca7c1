// The App webhook's delivery log, as GitHub keeps it: every attempt (newest first), failures included,
// and "Redeliver" (a new attempt with the same GUID). Only the App's own JWT may read it.
import { HttpError } from "../http/httpError.js";
import { isoTime } from "../world/isoTime.js";
import type { Delivery } from "../types.js";
import type { HookLog } from "../world/world.js";
import { requireAppJwt, num } from "./helpers.js";
import type { HandlerTable, RouteContext } from "./types.js";

function log(ctx: RouteContext): HookLog {
  requireAppJwt(ctx.identity);
  const hookLog = ctx.world.hookLog;
  if (!hookLog) throw new HttpError(404, "Not Found");
  return hookLog;
}

/** GitHub's `status` text: "OK" for a 2xx answer, otherwise what went wrong. */
function statusText(d: Delivery): string {
  if (d.status !== undefined)
    return d.status >= 200 && d.status < 300 ? "OK" : `Invalid HTTP Response: ${d.status}`;
  return d.error ?? "failed to connect to host";
}

function item(d: Delivery) {
  const payload = d.payload as { installation?: { id?: number }; repository?: { id?: number } };
  return {
    id: d.hookId!,
    guid: d.id,
    delivered_at: isoTime(d.at),
    redelivery: d.redelivery === true,
    duration: Math.round(d.durationMs ?? 0) / 1000,
    status: statusText(d),
    status_code: d.status ?? 0,
    event: d.event,
    action: d.action ?? null,
    installation_id: payload.installation?.id ?? null,
    repository_id: payload.repository?.id ?? null,
  };
}

export const hookDeliveryRoutes: HandlerTable = {
  "GET /app/hook/deliveries": (ctx) => {
    const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30) || 30));
    const wanted = ctx.query.status as "success" | "failure" | undefined;
    let attempts = log(ctx)
      // Attempts still waiting for an answer are not in the log yet.
      .deliveries.filter((d) => d.hookId !== undefined && (d.status !== undefined || d.error !== undefined))
      .slice()
      .reverse();
    if (wanted !== undefined)
      attempts = attempts.filter((d) => {
        const code = d.status ?? 0;
        return wanted === "success" ? code >= 200 && code < 400 : code >= 400 && code < 600;
      });
    // The cursor names the first attempt of the page (attempts are listed newest first).
    const cursor = ctx.query.cursor === undefined ? undefined : Number(ctx.query.cursor);
    const start =
      cursor === undefined
        ? 0
        : Math.max(
            0,
            attempts.findIndex((d) => d.hookId === cursor),
          );
    const page = attempts.slice(start, start + perPage);
    const next = attempts[start + perPage];
    const headers: Record<string, string> = {};
    if (next) {
      const url = new URL("/app/hook/deliveries", ctx.world.baseUrl);
      url.searchParams.set("per_page", String(perPage));
      if (wanted) url.searchParams.set("status", wanted);
      url.searchParams.set("cursor", String(next.hookId));
      headers.link = `<${url.toString()}>; rel="next"`;
    }
    return { status: 200, body: page.map(item), headers };
  },

  "GET /app/hook/deliveries/{delivery_id}": (ctx) => {
    const id = num(ctx.params.delivery_id);
    const found = log(ctx).deliveries.find((d) => d.hookId === id);
    if (!found) throw new HttpError(404, "Not Found");
    return {
      status: 200,
      body: {
        ...item(found),
        url: "",
        request: {
          headers: { "X-GitHub-Event": found.event, "X-GitHub-Delivery": found.id },
          payload: found.payload,
        },
        response: { headers: null, payload: null },
      },
    };
  },

  "POST /app/hook/deliveries/{delivery_id}/attempts": (ctx) => {
    const id = num(ctx.params.delivery_id);
    if (!log(ctx).redeliver(id)) throw new HttpError(404, "Not Found");
    return { status: 202, body: {} };
  },
};
