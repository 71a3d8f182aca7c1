import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac, timingSafeEqual } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import type { ParsedMail } from "mailparser";

// Loopback stand-ins for the services Expedite sends to. Each checks what arrives against the service's
// published format and limits, and answers the way the service does — including its failures, on demand.

export interface Received<T = unknown> {
  body: T;
  headers: IncomingMessage["headers"];
  raw: string;
}

/** Makes the receiver answer the next requests with a failure, or not at all. */
export type Failure = { status: number; body: string } | { hang: true };

export class HttpReceiver<T = unknown> {
  readonly received: Array<Received<T>> = [];
  /** Format violations found in what arrived (a test asserts this stays empty). */
  readonly violations: string[] = [];
  /** Failures to answer with, one per request, before answering normally again. */
  readonly failures: Failure[] = [];
  attempts = 0;
  #server: Server;
  url = "";

  constructor(
    readonly name: string,
    private readonly validate: (body: T, headers: IncomingMessage["headers"], raw: string) => string[],
    private readonly answer: { status: number; body: string },
  ) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(path = "/hook"): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
    return this;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    this.attempts++;
    const failure = this.failures.shift();
    if (failure && "hang" in failure) return; // never answers: the sender's timeout decides
    if (failure) {
      res.writeHead(failure.status, { "content-type": "text/plain" }).end(failure.body);
      return;
    }
    let body: T;
    try {
      body = JSON.parse(raw) as T;
    } catch {
      this.violations.push(`${this.name}: body is not JSON`);
      res.writeHead(400).end("invalid_payload");
      return;
    }
    if (req.method !== "POST") this.violations.push(`${this.name}: method ${req.method}`);
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json"))
      this.violations.push(`${this.name}: content-type ${req.headers["content-type"]}`);
    const problems = this.validate(body, req.headers, raw);
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${this.name}: ${p}`));
      res.writeHead(400, { "content-type": "text/plain" }).end("invalid_payload");
      return;
    }
    this.received.push({ body, headers: req.headers, raw });
    res.writeHead(this.answer.status, { "content-type": "application/json" }).end(this.answer.body);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

type Json = Record<string, unknown>;
const isText = (v: unknown): v is string => typeof v === "string";

/** Slack incoming webhook: Block Kit, within Slack's published block and text limits. */
export function slackReceiver(): HttpReceiver<Json> {
  return new HttpReceiver<Json>(
    "slack",
    (body) => {
      const problems: string[] = [];
      const blocks = body.blocks as Json[] | undefined;
      if (!isText(body.text) && !Array.isArray(blocks)) problems.push("needs text or blocks");
      if (isText(body.text) && body.text.length > 40_000) problems.push("text over 40,000 characters");
      if (blocks && blocks.length > 50) problems.push("more than 50 blocks");
      for (const block of blocks ?? []) {
        const text = block.text as Json | undefined;
        switch (block.type) {
          case "header":
            if (text?.type !== "plain_text") problems.push("header text must be plain_text");
            if (!isText(text?.text) || text.text.length > 150)
              problems.push("header text over 150 characters");
            break;
          case "section": {
            const fields = block.fields as Json[] | undefined;
            if (!text && !fields) problems.push("section needs text or fields");
            if (text && (!isText(text.text) || text.text.length < 1 || text.text.length > 3000))
              problems.push("section text must be 1–3000 characters");
            if (fields && fields.length > 10) problems.push("more than 10 fields");
            for (const field of fields ?? [])
              if (!isText(field.text) || field.text.length > 2000)
                problems.push("field over 2000 characters");
            break;
          }
          case "context": {
            const elements = block.elements as Json[] | undefined;
            if (!elements || elements.length < 1 || elements.length > 10)
              problems.push("context needs 1–10 elements");
            break;
          }
          default:
            problems.push(`unexpected block type ${String(block.type)}`);
        }
        if (text && text.type !== "plain_text" && text.type !== "mrkdwn") problems.push("text object type");
      }
      return problems;
    },
    { status: 200, body: "ok" },
  );
}

const ADAPTIVE_ELEMENTS = new Set([
  "TextBlock",
  "FactSet",
  "ColumnSet",
  "Container",
  "Image",
  "RichTextBlock",
]);

/** Teams workflow webhook: a message with one Adaptive Card attachment, shaped as the card schema says. */
export function teamsReceiver(): HttpReceiver<Json> {
  return new HttpReceiver<Json>(
    "teams",
    (body) => {
      const problems: string[] = [];
      if (body.type !== "message") problems.push('type must be "message"');
      const attachments = body.attachments as Json[] | undefined;
      if (!Array.isArray(attachments) || attachments.length !== 1)
        return [...problems, "one attachment expected"];
      const attachment = attachments[0] as Json;
      if (attachment.contentType !== "application/vnd.microsoft.card.adaptive") problems.push("contentType");
      const card = attachment.content as Json;
      if (card?.type !== "AdaptiveCard") problems.push("content.type must be AdaptiveCard");
      if (!isText(card?.version) || !/^1\.[0-6]$/.test(card.version)) problems.push("card version 1.0–1.6");
      for (const element of (card?.body as Json[] | undefined) ?? []) {
        if (!ADAPTIVE_ELEMENTS.has(String(element.type)))
          problems.push(`unknown element ${String(element.type)}`);
        if (element.type === "TextBlock" && !isText(element.text)) problems.push("TextBlock needs text");
        if (element.type === "FactSet")
          for (const fact of (element.facts as Json[]) ?? [])
            if (!isText(fact.title) || !isText(fact.value)) problems.push("facts need title and value");
      }
      for (const action of (card?.actions as Json[] | undefined) ?? [])
        if (action.type !== "Action.OpenUrl" || !isText(action.url)) problems.push("actions must open a URL");
      return problems;
    },
    { status: 202, body: "" },
  );
}

/** PagerDuty Events API v2 (enqueue): required fields, enums, lengths, dedup_key. */
export function pagerdutyReceiver(): HttpReceiver<Json> {
  return new HttpReceiver<Json>(
    "pagerduty",
    (body) => {
      const problems: string[] = [];
      if (!isText(body.routing_key) || body.routing_key.length !== 32)
        problems.push("routing_key must be 32 characters");
      if (!["trigger", "acknowledge", "resolve"].includes(String(body.event_action)))
        problems.push("event_action");
      if (!isText(body.dedup_key) || body.dedup_key.length === 0 || body.dedup_key.length > 255)
        problems.push("dedup_key must be 1–255 characters");
      if (body.event_action === "trigger") {
        const payload = body.payload as Json | undefined;
        if (!payload) return [...problems, "trigger needs payload"];
        if (!isText(payload.summary) || payload.summary.length > 1024)
          problems.push("payload.summary 1–1024");
        if (!isText(payload.source) || payload.source.length === 0) problems.push("payload.source required");
        if (!["critical", "error", "warning", "info"].includes(String(payload.severity)))
          problems.push("payload.severity");
      }
      return problems;
    },
    { status: 202, body: JSON.stringify({ status: "success", message: "Event processed" }) },
  );
}

/** The generic webhook: GitHub-style signature over the exact body, schema version 1. */
export function webhookReceiver(secret: string): HttpReceiver<Json> {
  return new HttpReceiver<Json>(
    "webhook",
    (body, headers, raw) => {
      const problems: string[] = [];
      const given = String(headers["x-hub-signature-256"] ?? "");
      const expected = `sha256=${createHmac("sha256", secret).update(raw, "utf8").digest("hex")}`;
      if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
        problems.push("bad signature");
      if (body.schema_version !== "1") problems.push("schema_version");
      for (const key of ["event", "message", "sent_at", "title", "summary"])
        if (!isText(body[key])) problems.push(key);
      if (!headers["x-expedite-delivery"] || headers["x-expedite-event"] !== body.event)
        problems.push("headers");
      return problems;
    },
    { status: 204, body: "" },
  );
}

/** A real SMTP server on loopback; every message is parsed back with mailparser. */
export class MailReceiver {
  readonly messages: ParsedMail[] = [];
  readonly envelopes: Array<{ from: string; to: string[] }> = [];
  /** SMTP reply codes to refuse the next messages with. */
  readonly refusals: number[] = [];
  #server: SMTPServer;
  port = 0;
  readonly user = "mailer";
  readonly password = "s3cret-smtp-pass";

  constructor() {
    this.#server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.username === this.user && auth.password === this.password
          ? callback(null, { user: auth.username })
          : callback(new Error("Invalid username or password")),
      onData: (stream, session, callback) => {
        const refusal = this.refusals.shift();
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (refusal) {
            const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
            error.responseCode = refusal;
            callback(error);
            return;
          }
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            this.messages.push(mail);
            this.envelopes.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            });
            callback();
          });
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://${this.user}:${this.password}@127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** All five receivers, and the environment that points channels at them. */
export async function startReceivers() {
  const secret = "webhook-signing-secret-for-tests";
  const receivers = {
    slack: await slackReceiver().start("/services/T000/B000/XXXX"),
    teams: await teamsReceiver().start("/workflows/abc"),
    pagerduty: await pagerdutyReceiver().start("/v2/enqueue"),
    webhook: await webhookReceiver(secret).start("/expedite"),
    mail: await new MailReceiver().start(),
  };
  const routingKey = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12";
  return {
    ...receivers,
    routingKey,
    secret,
    env: {
      EXPEDITE_CHANNEL_CHAT: receivers.slack.url,
      EXPEDITE_CHANNEL_LEADERSHIP: receivers.teams.url,
      EXPEDITE_CHANNEL_PAGER: routingKey,
      EXPEDITE_CHANNEL_AUDIT: receivers.webhook.url,
      EXPEDITE_CHANNEL_AUDIT_SECRET: secret,
      EXPEDITE_CHANNEL_STAKEHOLDERS: receivers.mail.url,
    } as Record<string, string>,
    async close() {
      for (const r of Object.values(receivers)) await r.close();
    },
  };
}
