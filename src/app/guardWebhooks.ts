import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { verifySignature } from "../github/verifySignature.js";
import type { Logger } from "pino";

/** GitHub caps a webhook payload at 25 MB; anything larger did not come from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts a gate in front of Probot's webhook endpoint: a body over GitHub's cap is refused with 413 without
 * being kept in memory, and a delivery whose signature does not match is refused with one log line (Probot
 * and @octokit/webhooks would each log it). A delivery that passes reaches Probot with its body already
 * read, which @octokit/webhooks accepts as `request.body`.
 */
export function guardWebhooks(
  server: HttpServer,
  options: { path: string; secret: string; log: Logger; maxBytes?: number },
): void {
  const limit = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  const downstream = server.listeners("request") as Listener[];
  server.removeAllListeners("request");
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of downstream) listener(req, res);
  };
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== options.path) return pass(req, res);
    void gate(req, res, limit, options).then((body) => {
      if (body === undefined) return;
      (req as IncomingMessage & { body?: string }).body = body;
      pass(req, res);
    });
  });
}

async function gate(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  options: { secret: string; log: Logger },
): Promise<string | undefined> {
  const delivery = { id: req.headers["x-github-delivery"], event: req.headers["x-github-event"] };
  const declared = Number(req.headers["content-length"] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = declared > limit;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      // Over the cap the rest is read and dropped, so the answer reaches the sender intact.
      if (!tooLarge) chunks.push(chunk);
    }
  } catch (error) {
    options.log.warn({ err: error, delivery }, "webhook delivery aborted while being read");
    return undefined;
  }
  if (tooLarge) {
    options.log.warn(
      { delivery, bytes: Math.max(size, declared) },
      "webhook refused: over GitHub's 25 MB cap",
    );
    answer(res, 413, "payload over GitHub's 25 MB limit");
    return undefined;
  }
  const body = Buffer.concat(chunks).toString("utf8");
  const signature = req.headers["x-hub-signature-256"];
  const valid = typeof signature === "string" && (await verifySignature(options.secret, body, signature));
  if (!valid) {
    options.log.error(
      { delivery },
      typeof signature === "string"
        ? "webhook refused: its signature does not match WEBHOOK_SECRET (check the App's webhook secret)"
        : "webhook refused: it carries no x-hub-signature-256 signature",
    );
    answer(res, typeof signature === "string" ? 401 : 400, "signature missing or wrong");
    return undefined;
  }
  return body;
}

function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: message }));
}
