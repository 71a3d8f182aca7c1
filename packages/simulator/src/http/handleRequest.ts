// The request pipeline, in GitHub's order: authenticate → rate limit → (injected fault) → validate
// against OpenAPI → handle → validate the answer → ETag/304 → count against the rate limit → send.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HandlerTable, RouteContext, RouteResult } from "../routes/types.js";
import type { FaultRule, RecordedRequest } from "../types.js";
import type { OpenApiValidator } from "../validation/openApiValidator.js";
import type { Identity } from "../world/records.js";
import type { World } from "../world/world.js";
import { authenticate, identityName } from "./authenticate.js";
import { type FaultBook, describeFault } from "./faults.js";
import { DOCS, HttpError } from "./httpError.js";
import { paginate } from "./paginate.js";
import { type RateLimiter, rateHeaders } from "./rateLimiter.js";
import type { Router } from "./router.js";

export interface Pipeline {
  world: World;
  router: Router;
  handlers: HandlerTable;
  validator: OpenApiValidator | undefined;
  rateLimiter: RateLimiter;
  faults: FaultBook;
  requests: RecordedRequest[];
  validationErrors: string[];
  installationTokenTtlMs: number;
}

interface Answer {
  status: number;
  json?: unknown;
  raw?: { text: string; contentType: string };
  headers: Record<string, string>;
}

const RATE_LIMIT_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

function requestId(): string {
  const hex = (n: number) => randomBytes(n).toString("hex").toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function errorAnswer(error: HttpError): Answer {
  return { status: error.status, json: error.body(), headers: {} };
}

function rateLimitMessage(identity: Identity): string {
  switch (identity.kind) {
    case "installation":
      return `API rate limit exceeded for installation ID ${identity.installationId}.`;
    case "actions":
      return "API rate limit exceeded for installation ID 1.";
    case "user":
      return `API rate limit exceeded for user ID ${identity.login}.`;
    default:
      return "API rate limit exceeded.";
  }
}

function faultAnswer(rule: FaultRule, id: string, now: number, identity: Identity): Answer | undefined {
  const retry: Record<string, string> =
    rule.retryAfter === undefined ? {} : { "retry-after": String(rule.retryAfter) };
  if (rule.rateLimit === "secondary-403" || rule.rateLimit === "secondary-429") {
    return {
      status: rule.rateLimit === "secondary-403" ? 403 : 429,
      json: {
        message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${id}.`,
        documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
        status: rule.rateLimit === "secondary-403" ? "403" : "429",
      },
      headers: retry,
    };
  }
  if (rule.rateLimit === "primary") {
    return {
      status: 403,
      json: { message: rateLimitMessage(identity), documentation_url: RATE_LIMIT_DOCS, status: "403" },
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(now / 1000) + (rule.retryAfter ?? 1)),
      },
    };
  }
  if (rule.status !== undefined && !rule.applyThenFail) return serverError(rule.status);
  return undefined;
}

function serverError(status: number): Answer {
  const message = status === 502 ? "Server Error" : status === 503 ? "Service Unavailable" : "Server Error";
  return { status, json: { message, documentation_url: DOCS, status: String(status) }, headers: {} };
}

function toAnswer(result: RouteResult, query: Record<string, unknown>, url: URL): Answer {
  if ("raw" in result)
    return { status: result.status, raw: { text: result.raw, contentType: result.contentType }, headers: {} };
  if ("list" in result) {
    const page = paginate(result.list, query, url);
    return {
      status: result.status,
      json: result.wrap ? result.wrap(page.items, result.list.length) : page.items,
      headers: page.link ? { link: page.link } : {},
    };
  }
  return {
    status: result.status,
    ...(result.body === undefined ? {} : { json: result.body }),
    headers: result.headers ?? {},
  };
}

export async function handleRequest(
  pipeline: Pipeline,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { world, rateLimiter } = pipeline;
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", world.baseUrl);
  const query = Object.fromEntries(url.searchParams);
  const text = await readBody(req);
  const id = requestId();
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query,
    route: "",
    status: 0,
    identity: "",
    at: world.now(),
    applied: false,
  };
  pipeline.requests.push(record);

  let identity: Identity = { kind: "anonymous" };
  let answer: Answer;
  let counted = true;
  try {
    let body: unknown;
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, "Problems parsing JSON");
      }
      record.body = body;
    }
    const match = pipeline.router.match(method, url.pathname);
    record.route = match?.template ?? "";
    identity = authenticate(world, req.headers.authorization);
    record.identity = identityName(identity);
    if (!match) throw new HttpError(404, "Not Found");
    const isRateLimitRoute = match.key === "GET /rate_limit";
    // GitHub does not count GET /rate_limit against the limit.
    if (isRateLimitRoute) counted = false;
    else if (rateLimiter.exhausted(identity))
      throw new HttpError(403, rateLimitMessage(identity), { documentation_url: RATE_LIMIT_DOCS });

    const fault = pipeline.faults.take(method, match.template);
    if (fault) {
      record.fault = describeFault(fault);
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      await pipeline.faults.arrive(fault);
      if (fault.reset) {
        record.status = 0;
        req.socket.destroy();
        return;
      }
      const early = faultAnswer(fault, id, world.now(), identity);
      if (early) {
        answer = early;
        return send(pipeline, res, method, record, identity, answer, id, counted, req);
      }
    }

    let params: Record<string, unknown> = match.params;
    let coercedQuery: Record<string, unknown> = query;
    if (pipeline.validator) {
      const check = pipeline.validator.validateRequest(match.key, { params: match.params, query, body });
      if (check.errors.length > 0) {
        const message = `Simulator: request does not match the OpenAPI description of ${method} ${match.template}: ${check.errors.join("; ")}`;
        pipeline.validationErrors.push(message);
        throw new HttpError(422, message);
      }
      params = check.params;
      coercedQuery = check.query;
    }
    const handler = pipeline.handlers[match.key];
    if (!handler) throw new HttpError(404, "Not Found");
    const ctx: RouteContext = {
      world,
      identity,
      params,
      query: coercedQuery,
      body: body ?? {},
      headers: req.headers,
      rateLimiter,
      installationTokenTtlMs: pipeline.installationTokenTtlMs,
    };
    answer = toAnswer(handler(ctx), coercedQuery, url);
    record.applied = true;
    if (pipeline.validator && answer.json !== undefined) {
      for (const problem of pipeline.validator.validateResponse(match.key, answer.status, answer.json)) {
        pipeline.validationErrors.push(`${method} ${match.template} → ${answer.status}: ${problem}`);
      }
    }
    if (fault?.applyThenFail) answer = serverError(fault.status ?? 502);
  } catch (error) {
    if (!(error instanceof HttpError)) {
      pipeline.validationErrors.push(
        `simulator crashed on ${method} ${url.pathname}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      answer = {
        status: 500,
        json: { message: "Simulator internal error", documentation_url: DOCS },
        headers: {},
      };
    } else {
      answer = errorAnswer(error);
      if (pipeline.validator && record.route) {
        const key = `${method === "HEAD" ? "GET" : method} ${record.route}`;
        for (const problem of pipeline.validator.validateResponse(key, answer.status, answer.json)) {
          pipeline.validationErrors.push(`${method} ${record.route} → ${answer.status}: ${problem}`);
        }
      }
    }
  }
  send(pipeline, res, method, record, identity, answer, id, counted, req);
}

function send(
  pipeline: Pipeline,
  res: ServerResponse,
  method: string,
  record: RecordedRequest,
  identity: Identity,
  answer: Answer,
  id: string,
  counted: boolean,
  req: IncomingMessage,
): void {
  const { world, rateLimiter } = pipeline;
  let payload: string | undefined =
    answer.raw?.text ??
    (answer.json === undefined || answer.status === 204 ? undefined : JSON.stringify(answer.json));
  let status = answer.status;
  const headers: Record<string, string> = {
    // The Date header carries the simulator clock: @octokit/auth-app uses it to correct JWT clock skew.
    date: new Date(world.now()).toUTCString(),
    "x-github-request-id": id,
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    "access-control-allow-origin": "*",
    "x-content-type-options": "nosniff",
  };
  if (payload !== undefined)
    headers["content-type"] = answer.raw?.contentType ?? "application/json; charset=utf-8";
  if ((method === "GET" || method === "HEAD") && status === 200 && payload !== undefined) {
    const etag = `W/"${createHash("sha256")
      .update(payload)
      .update(String(req.headers.accept ?? ""))
      .digest("hex")}"`;
    headers.etag = etag;
    headers["cache-control"] = "private, max-age=60, s-maxage=60";
    headers.vary = "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding";
    const ifNoneMatch = req.headers["if-none-match"];
    if (
      ifNoneMatch &&
      ifNoneMatch.split(",").some((tag) => tag.trim() === etag || tag.trim() === etag.slice(2))
    ) {
      // A conditional hit is free, as on GitHub.
      status = 304;
      payload = undefined;
      counted = false;
      delete headers["content-type"];
    }
  }
  if (counted && status !== 401) rateLimiter.count(identity);
  Object.assign(headers, rateHeaders(rateLimiter.state(identity)), answer.headers);
  record.status = status;
  res.sendDate = false;
  res.writeHead(status, headers);
  res.end(method === "HEAD" ? undefined : payload);
}
