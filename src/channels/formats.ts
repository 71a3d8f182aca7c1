import { createHmac } from "node:crypto";
import { micromark } from "micromark";
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table";
import type { MessageContent } from "../core/channels/types.js";

// Each service's own shape for one message. Limits are the services' published ones; text is clipped to them
// rather than letting a long status update make the whole send fail.

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Slack's mrkdwn treats &, < and > as control characters; everything else a person typed stays text. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An incoming-webhook message in Block Kit: header, summary, the fact table as fields, a link. */
export function slackMessage(content: MessageContent): { text: string; blocks: object[] } {
  const fields = content.facts.slice(0, 10).map((fact) => ({
    type: "mrkdwn",
    text: clip(`*${slackEscape(fact.label)}*\n${slackEscape(fact.value)}`, 2000),
  }));
  const blocks: object[] = [
    { type: "header", text: { type: "plain_text", text: clip(content.title, 150), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: clip(slackEscape(content.summary) || " ", 3000) } },
  ];
  if (fields.length > 0) blocks.push({ type: "section", fields });
  blocks.push({
    type: "context",
    elements: content.links.slice(0, 10).map((link) => ({
      type: "mrkdwn",
      text: clip(`<${link.url}|${slackEscape(link.label)}>`, 3000),
    })),
  });
  // `text` is the notification and screen-reader fallback.
  return { text: clip(slackEscape(content.title), 3000), blocks };
}

/** A Teams workflow webhook message: one Adaptive Card (schema 1.4) attachment. */
export function teamsMessage(content: MessageContent): object {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body: [
            {
              type: "TextBlock",
              text: clip(content.title, 400),
              weight: "Bolder",
              size: "Medium",
              wrap: true,
            },
            { type: "TextBlock", text: clip(content.summary, 4000), wrap: true },
            {
              type: "FactSet",
              facts: content.facts.map((fact) => ({
                title: clip(fact.label, 100),
                value: clip(fact.value, 2000),
              })),
            },
          ],
          actions: content.links.map((link) => ({
            type: "Action.OpenUrl",
            title: link.label,
            url: link.url,
          })),
        },
      },
    ],
  };
}

const PAGERDUTY_SEVERITY = { 1: "critical", 2: "error", 3: "warning", 4: "info" } as const;

/** A PagerDuty Events API v2 event for this message's action on the incident's alert. */
export function pagerdutyEvent(content: MessageContent, routingKey: string): object {
  // Only incident messages are routed to PagerDuty; the record's issue stands in should another arrive.
  const source = `${content.source.repository}#${content.source.number}`;
  const pd = content.pagerduty ?? { action: "trigger", dedupKey: `expedite/${source}` };
  const base = { routing_key: routingKey, event_action: pd.action, dedup_key: pd.dedupKey };
  if (pd.action !== "trigger") return base;
  return {
    ...base,
    payload: {
      summary: clip(content.title, 1024),
      source,
      severity: PAGERDUTY_SEVERITY[content.incident?.severity ?? 4],
      component: content.source.repository,
      group: "expedite",
      class: content.event,
      custom_details: Object.fromEntries<string>([
        ["summary", content.summary],
        ...content.facts.map((f): [string, string] => [f.label, f.value]),
      ]),
    },
    client: "Expedite",
    ...(content.incident ? { client_url: content.incident.url } : {}),
    links: content.links.map((l) => ({ href: l.url, text: l.label })),
  };
}

export const WEBHOOK_SCHEMA_VERSION = "1";

/** The generic webhook's JSON document (docs/channels.md describes every field). */
export function webhookDocument(content: MessageContent, message: string, sentAt: number): object {
  return {
    schema_version: WEBHOOK_SCHEMA_VERSION,
    event: content.event,
    message,
    sent_at: new Date(sentAt).toISOString(),
    // What the message is about: an incident, a freeze, an exception or a release (docs/channels.md).
    ...(content.incident ? { incident: content.incident } : {}),
    ...(content.freeze ? { freeze: content.freeze } : {}),
    ...(content.exception ? { exception: content.exception } : {}),
    ...(content.release ? { release: content.release } : {}),
    title: content.title,
    summary: content.summary,
    facts: content.facts,
    links: content.links,
    body_markdown: content.body,
  };
}

/** GitHub's own scheme: `sha256=` and the hex HMAC-SHA256 of the exact body bytes under the shared secret. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** The message body as HTML through a CommonMark parser (raw HTML in it is escaped, never passed through). */
export function emailHtml(content: MessageContent): string {
  const inner = micromark(content.body, { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
  return `<!doctype html><html><body style="font-family: sans-serif">${inner}</body></html>`;
}
