import { createHash } from "node:crypto";
import { z } from "zod";
import type { Alert, AlertSource, ParsedAlerts } from "./types.js";

// Alertmanager (webhook_config, payload version 4) and Grafana's webhook contact point share one shape;
// Grafana adds values and links to its dashboards. Unknown extra fields are allowed: sources add them.
const labelMap = z.record(z.string(), z.string());
const promAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: labelMap,
  annotations: labelMap.default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
  // Grafana only.
  values: z.record(z.string(), z.number().nullable()).nullable().optional(),
  valueString: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  silenceURL: z.string().optional(),
  imageURL: z.string().optional(),
});
const promGroup = z.object({
  version: z.string().optional(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().optional(),
  externalURL: z.string().optional(),
  alerts: z.array(promAlert).min(1, "the payload holds no alerts"),
});

// Sentry's integration platform: an issue alert rule fired (event_alert), or an issue changed (issue).
const sentryEventAlert = z.object({
  action: z.literal("triggered"),
  data: z.object({
    event: z.object({
      event_id: z.string().optional(),
      issue_id: z.union([z.string(), z.number()]).transform(String),
      title: z.string(),
      web_url: z.string().optional(),
      level: z.string().optional(),
      culprit: z.string().nullable().optional(),
      datetime: z.string().optional(),
      environment: z.string().nullable().optional(),
      tags: z.array(z.tuple([z.string(), z.string()])).optional(),
    }),
    triggered_rule: z.string().optional(),
  }),
});
const sentryIssue = z.object({
  action: z.string(),
  data: z.object({
    issue: z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      title: z.string(),
      web_url: z.string().optional(),
      permalink: z.string().nullable().optional(),
      project: z.object({ slug: z.string() }).optional(),
    }),
  }),
});

// Anyone's monitor: the documented generic format (docs/alerts.md).
const generic = z
  .object({
    fingerprint: z.string().min(1).max(200),
    status: z.enum(["firing", "resolved"]).default("firing"),
    title: z.string().min(1).max(300),
    summary: z.string().max(4000).optional(),
    labels: labelMap.default({}),
    value: z.union([z.string(), z.number()]).optional(),
    started_at: z.string().optional(),
    ended_at: z.string().optional(),
    links: z.array(z.object({ title: z.string().default("link"), url: z.string() })).default([]),
    occurrence: z.string().max(200).optional(),
  })
  .strict();

/** Alertmanager's "zero time" for an alert that has not ended. */
function time(text: string | undefined): number | undefined {
  if (!text || text.startsWith("0001-")) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

function httpLink(title: string, url: string | null | undefined): Array<{ title: string; url: string }> {
  return url && /^https?:\/\//i.test(url) ? [{ title, url }] : [];
}

function labelsFingerprint(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}

function problem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
}

/**
 * Reads one delivery from `source` into alerts, or says what is wrong with it. `resource` is Sentry's
 * Sentry-Hook-Resource header. Pure: the caller has already verified who sent it.
 */
export function parseAlerts(source: AlertSource, body: unknown, resource?: string): ParsedAlerts {
  switch (source) {
    case "alertmanager":
    case "grafana": {
      const parsed = promGroup.safeParse(body);
      if (!parsed.success)
        return { ok: false, error: `not a ${source} webhook payload: ${problem(parsed.error)}` };
      return {
        ok: true,
        alerts: parsed.data.alerts.map((a) => {
          const startsAt = time(a.startsAt);
          const endsAt = time(a.endsAt);
          const values = a.values ? Object.entries(a.values).map(([k, v]) => `${k}=${v}`) : [];
          const value = a.annotations.value ?? (values.length > 0 ? values.join(", ") : a.valueString);
          return {
            source,
            fingerprint: `${source}:${a.fingerprint ?? labelsFingerprint(a.labels)}`,
            occurrence: a.startsAt,
            status: a.status,
            title: a.labels.alertname ?? a.annotations.summary ?? "alert",
            ...(a.annotations.summary || a.annotations.description
              ? { summary: [a.annotations.summary, a.annotations.description].filter(Boolean).join(" — ") }
              : {}),
            labels: a.labels,
            ...(value ? { value } : {}),
            ...(startsAt !== undefined ? { startsAt } : {}),
            ...(endsAt !== undefined && a.status === "resolved" ? { endsAt } : {}),
            links: [
              ...httpLink("graph", a.generatorURL),
              ...httpLink("dashboard", a.dashboardURL),
              ...httpLink("panel", a.panelURL),
              ...httpLink("runbook", a.annotations.runbook_url),
            ],
          } satisfies Alert;
        }),
      };
    }
    case "sentry": {
      if (resource === "event_alert") {
        const parsed = sentryEventAlert.safeParse(body);
        if (!parsed.success)
          return { ok: false, error: `not a Sentry issue alert: ${problem(parsed.error)}` };
        const { event, triggered_rule: rule } = parsed.data.data;
        const tags = Object.fromEntries(event.tags ?? []);
        const at = time(event.datetime);
        return {
          ok: true,
          alerts: [
            {
              source,
              fingerprint: `sentry:${event.issue_id}`,
              occurrence: event.event_id ?? event.datetime ?? event.issue_id,
              status: "firing",
              title: event.title,
              ...(rule
                ? {
                    summary: `Sentry alert rule “${rule}” fired${event.culprit ? ` in ${event.culprit}` : ""}`,
                  }
                : {}),
              labels: {
                ...tags,
                ...(event.level ? { level: event.level } : {}),
                ...(event.environment ? { environment: event.environment } : {}),
              },
              ...(at !== undefined ? { startsAt: at } : {}),
              links: httpLink("error in Sentry", event.web_url),
            },
          ],
        };
      }
      if (resource === "issue") {
        const parsed = sentryIssue.safeParse(body);
        if (!parsed.success)
          return { ok: false, error: `not a Sentry issue webhook: ${problem(parsed.error)}` };
        if (parsed.data.action !== "resolved")
          return {
            ok: true,
            alerts: [],
            ignored: `Sentry issue ${parsed.data.action} (only resolved is recorded)`,
          };
        const issue = parsed.data.data.issue;
        return {
          ok: true,
          alerts: [
            {
              source,
              fingerprint: `sentry:${issue.id}`,
              occurrence: `resolved:${issue.id}`,
              status: "resolved",
              title: issue.title,
              labels: issue.project ? { project: issue.project.slug } : {},
              links: httpLink("issue in Sentry", issue.web_url ?? issue.permalink),
            },
          ],
        };
      }
      return {
        ok: false,
        error: `Sentry resource "${resource ?? "(no Sentry-Hook-Resource header)"}" is not handled: send issue alerts (event_alert) and issue webhooks (issue)`,
      };
    }
    case "generic": {
      const parsed = generic.safeParse(body);
      if (!parsed.success)
        return { ok: false, error: `not a generic alert (see docs/alerts.md): ${problem(parsed.error)}` };
      const a = parsed.data;
      const startsAt = time(a.started_at);
      const endsAt = time(a.ended_at);
      return {
        ok: true,
        alerts: [
          {
            source,
            fingerprint: `generic:${a.fingerprint}`,
            occurrence: a.occurrence ?? a.started_at ?? "once",
            status: a.status,
            title: a.title,
            ...(a.summary ? { summary: a.summary } : {}),
            labels: a.labels,
            ...(a.value !== undefined ? { value: String(a.value) } : {}),
            ...(startsAt !== undefined ? { startsAt } : {}),
            ...(endsAt !== undefined ? { endsAt } : {}),
            links: a.links.flatMap((l) => httpLink(l.title, l.url)),
          },
        ],
      };
    }
  }
}
