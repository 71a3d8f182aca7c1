import type { IncomingHttpHeaders } from "node:http";
import type { RateLimiter } from "../http/rateLimiter.js";
import type { Identity } from "../world/records.js";
import type { World } from "../world/world.js";

export interface RouteContext {
  world: World;
  identity: Identity;
  /** Path parameters, coerced to their OpenAPI types. */
  params: Record<string, unknown>;
  /** Query parameters, coerced to their OpenAPI types. */
  query: Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- validated against OpenAPI before use
  body: any;
  headers: IncomingHttpHeaders;
  rateLimiter: RateLimiter;
  installationTokenTtlMs: number;
}

export type RouteResult =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** A list to paginate; `wrap` builds the body around one page (e.g. { total_count, check_runs }). */
  | { status: number; list: unknown[]; wrap?: (page: unknown[], total: number) => unknown }
  /** A non-JSON body (raw file contents). */
  | { status: number; raw: string; contentType: string };

export type Handler = (ctx: RouteContext) => RouteResult;

export type HandlerTable = Record<string, Handler>;
