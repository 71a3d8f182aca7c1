import { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError } from "@slack/webhook";
import type { IncomingWebhookSendArguments } from "@slack/webhook";
import nodemailer from "nodemailer";
import type { ChannelConfig } from "../core/config/schema.js";
import type { ChannelOutcome, MessageContent } from "../core/channels/types.js";
import { channelVariable } from "../core/config/pastedSecrets.js";
import { retryDelay } from "../core/channels/planMessages.js";
import type { ChannelSecrets } from "./channelSecrets.js";
import {
  emailHtml,
  pagerdutyEvent,
  signatureOf,
  slackMessage,
  teamsMessage,
  webhookDocument,
} from "./formats.js";

export interface SendContext {
  secrets: ChannelSecrets;
  /** The reconcile's clock, for the outcome's times. */
  now: number;
  /** Per request; a send with no answer by then counts as unknown, not failed. */
  timeoutMs: number;
  /** The message's identity (the webhook's delivery header). */
  message: string;
  attempt: number;
}

/** Why a send did not go through, and whether the request may still have arrived. */
class SendFailure extends Error {
  readonly uncertain: boolean;
  constructor(
    readonly reason: string,
    { uncertain }: { uncertain: boolean },
  ) {
    super(reason);
    this.uncertain = uncertain;
  }
}

/**
 * Sends one message to one channel and says how it went. Never throws: a channel that fails is an outcome to
 * record and retry, not an error that could stop the reconcile.
 */
export async function sendToChannel(
  name: string,
  channel: ChannelConfig,
  content: MessageContent,
  ctx: SendContext,
): Promise<ChannelOutcome> {
  try {
    const address = ctx.secrets.address(name);
    if (!address)
      throw new SendFailure(
        `not configured — set ${channelVariable(name)} in the App's environment or \`${name}\` in the Action's channel-secrets input`,
        { uncertain: false },
      );
    await send(name, channel, content, address, ctx);
    return { state: "delivered", at: ctx.now };
  } catch (error) {
    const failure = error instanceof SendFailure ? error : classify(error);
    const reason = ctx.secrets.redact(failure.reason).slice(0, 200);
    if (failure.uncertain) return { state: "unknown", at: ctx.now, reason };
    return { state: "failed", at: ctx.now, reason, retryAt: ctx.now + retryDelay(ctx.attempt) };
  }
}

async function send(
  name: string,
  channel: ChannelConfig,
  content: MessageContent,
  address: string,
  ctx: SendContext,
): Promise<void> {
  switch (channel.type) {
    case "slack": {
      const hook = new IncomingWebhook(address, { timeout: ctx.timeoutMs });
      try {
        await hook.send(slackMessage(content) as IncomingWebhookSendArguments);
      } catch (error) {
        if (error instanceof IncomingWebhookHTTPError)
          throw new SendFailure(`HTTP ${error.statusCode} ${short(error.body)}`, { uncertain: false });
        if (error instanceof IncomingWebhookRequestError) throw classify(error.original);
        throw error;
      }
      return;
    }
    case "teams":
      await postJson(address, teamsMessage(content), {}, ctx.timeoutMs);
      return;
    case "pagerduty":
      await postJson(channel.events_url, pagerdutyEvent(content, address), {}, ctx.timeoutMs);
      return;
    case "webhook": {
      const secret = ctx.secrets.signingSecret(name);
      if (!secret)
        throw new SendFailure(
          `no signing secret — set ${channelVariable(name, "_SECRET")} or \`${name}.secret\` in channel-secrets`,
          { uncertain: false },
        );
      const body = JSON.stringify(webhookDocument(content, ctx.message, ctx.now));
      await postJson(
        address,
        body,
        {
          "x-expedite-event": content.event,
          // The same for every attempt at this message, so a receiver can drop a repeat.
          "x-expedite-delivery": `${content.source.repository}#${content.source.number}/${ctx.message}`,
          "x-hub-signature-256": signatureOf(body, secret),
        },
        ctx.timeoutMs,
      );
      return;
    }
    case "email": {
      const transport = nodemailer.createTransport({
        url: address,
        connectionTimeout: ctx.timeoutMs,
        greetingTimeout: ctx.timeoutMs,
        socketTimeout: ctx.timeoutMs,
      });
      try {
        const thread = content.email;
        await transport.sendMail({
          from: channel.from,
          to: channel.to,
          ...(channel.cc.length > 0 ? { cc: channel.cc } : {}),
          subject: content.title,
          text: content.body,
          html: emailHtml(content),
          ...(thread ? { messageId: thread.messageId } : {}),
          ...(thread?.inReplyTo ? { inReplyTo: thread.inReplyTo, references: [thread.inReplyTo] } : {}),
        });
      } catch (error) {
        const smtp = error as { responseCode?: number; response?: string; code?: string };
        if (typeof smtp.responseCode === "number")
          throw new SendFailure(`SMTP ${smtp.responseCode} ${short(smtp.response ?? "")}`, {
            uncertain: false,
          });
        throw classify(error);
      } finally {
        transport.close();
      }
      return;
    }
  }
}

async function postJson(
  url: string,
  body: object | string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Expedite", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "error",
  });
  if (!response.ok)
    throw new SendFailure(`HTTP ${response.status} ${short(await response.text())}`, { uncertain: false });
  await response.arrayBuffer();
}

// Errors that mean the request never reached the service; anything else after it left may have landed.
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNECTION",
  "EDNS",
]);

function classify(error: unknown): SendFailure {
  const err = error as { name?: string; code?: string; cause?: { code?: string }; message?: string };
  const code = err.cause?.code ?? err.code;
  if (err.name === "TimeoutError" || err.name === "AbortError" || code === "ETIMEDOUT")
    return new SendFailure("no answer in time", { uncertain: true });
  if (code && NOT_SENT.has(code))
    return new SendFailure(code === "ECONNREFUSED" ? "connection refused" : code, { uncertain: false });
  if (code === "ECONNRESET") return new SendFailure("connection reset", { uncertain: true });
  return new SendFailure(short(err.message ?? String(error)), { uncertain: false });
}

/** A service's answer reduced to one short line (Slack's "channel_not_found", an SMTP reply). */
function short(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 120);
}
