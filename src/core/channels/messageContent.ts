import { DateTime } from "luxon";
import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import type { Templates } from "../render/templates.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { neutralizeInline } from "../text/neutralize.js";
import { formatDuration, formatTime } from "../time/formatTime.js";
import { currentStatus } from "../board/currentStatus.js";
import { postmortemSharedView } from "./postmortemSharedView.js";
import { nextUpdateDue } from "../clocks/nextUpdateDue.js";
import type { Fact, MessageContent } from "./types.js";
import type { Occasion } from "./occasions.js";
import { severityName } from "../render/severityName.js";
import { messageBody, oneLine } from "./messageBody.js";
import { isNewsEvent, newsContent } from "./newsContent.js";

export interface ContentContext {
  incident: Incident;
  config: Config;
  templates: Templates;
  /** "owner/repo". */
  repository: string;
}

/** What the message for an occasion says, the same for every channel it goes to. */
export function messageContent(occasion: Occasion, ctx: ContentContext): MessageContent {
  const { incident, config } = ctx;
  const zone = config.business_hours.timezone;
  const at = (t: number) => formatTime(t, zone);
  const sev = severityName(incident.severity);
  const ref = `Incident #${incident.number}`;
  const name = oneLine(incident.title, 150);
  const table = stakeholderFacts(incident, config);
  const links = [{ label: `${ref} on GitHub`, url: incident.url }];
  const facts = incidentFacts(incident, ctx.repository);
  if (isNewsEvent(occasion.event))
    return newsContent(occasion, {
      ...ctx,
      source: incident.number,
      sourceUrl: incident.url,
      incident: facts,
    });
  const base = {
    event: occasion.event,
    links,
    source: { repository: ctx.repository, number: incident.number },
    incident: facts,
  };
  const lifecycle = (title: string, summary: string, rows: Fact[] = table): MessageContent => ({
    ...base,
    title: oneLine(title, 150),
    summary,
    facts: rows,
    body: messageBody(ctx.templates.message, title, summary, rows, links),
  });
  const fromTemplate = (template: string, view: Record<string, unknown>, facts: Fact[], summary: string) => {
    const rendered = renderTemplate(template, { ...view, url: encodeURI(incident.url) }).trim();
    const [subject = "", ...rest] = rendered.split("\n");
    return { ...base, title: oneLine(subject, 200), summary, facts, body: rest.join("\n").trim() + "\n" };
  };

  const by = (login: string | undefined) => (login ? ` by ${login}` : "");
  switch (occasion.event) {
    case "declared":
      return lifecycle(
        `[${sev}] ${ref} declared: ${name}`,
        `${oneLine(incident.form.summary ?? incident.title, 600)} Declared at ${at(incident.declaredAt)}${by(incident.declaredBy)}.`,
      );
    case "acknowledged":
      return lifecycle(
        `[${sev}] ${ref} acknowledged${by(incident.acknowledgedBy)}: ${name}`,
        `Someone is on it since ${at(occasion.at)}. Lead: ${incident.lead ?? "nobody yet"}.`,
      );
    case "ack-missed":
      return lifecycle(
        `[${sev}] ${ref} is not acknowledged: ${name}`,
        `Nobody has acknowledged the incident in time (declared ${at(incident.declaredAt)}). The on-call engineer is needed now.`,
      );
    case "escalation":
      return lifecycle(
        `[${sev}] ${ref} escalated: ${name}`,
        `${oneLine(occasion.detail ?? "An escalation step is due.", 600)} The problem began ${formatDuration(occasion.at - incident.startedAt)} before this step, at ${at(incident.startedAt)}.`,
      );
    case "status-update":
      return lifecycle(
        `[${sev}] ${ref} update: ${name}`,
        `${oneLine(occasion.detail ?? "", 1500)}${occasion.nextDueAt !== undefined ? ` Next update by ${at(occasion.nextDueAt)}.` : ""}`,
      );
    case "workaround":
      return lifecycle(
        `[${sev}] ${ref} has a workaround: ${name}`,
        `${oneLine(occasion.detail ?? "", 1500)} (in place since ${at(occasion.at)}).`,
      );
    case "resolved":
      return lifecycle(
        `[${sev}] ${ref} resolved: ${name}`,
        `${oneLine(incident.resolution?.text ?? "", 1500)} Resolved at ${at(occasion.at)}, ${formatDuration(occasion.at - incident.startedAt)} after the problem began.`,
      );
    case "cancelled":
      return lifecycle(
        `[${sev}] ${ref} cancelled: ${name}`,
        `A false alarm: ${oneLine(incident.cancelReason?.text ?? "no reason given", 1000)}`,
      );
    case "postmortem-opened":
      return lifecycle(
        `${ref} post-mortem opened for review: ${name}`,
        `The post-mortem is up for review as pull request #${incident.postmortem?.number ?? "?"}.`,
      );
    case "postmortem-merged":
      return lifecycle(
        `${ref} post-mortem merged: ${name}`,
        `The post-mortem was reviewed and merged; the incident is closed.`,
      );
    case "stakeholder-notice":
      return fromTemplate(
        ctx.templates["stakeholder-notice"],
        {
          application: neutralizeInline(application(incident, config, ctx.repository), 120),
          date: DateTime.fromMillis(incident.startedAt, { zone }).toFormat("MM-dd-yyyy"),
          summary: neutralizeInline(incident.form.summary ?? incident.title, 1200),
          ...Object.fromEntries(table.map((f) => [f.key, neutralizeInline(f.value, 800)])),
        },
        table,
        oneLine(incident.form.summary ?? incident.title, 1200),
      );
    case "incident-report": {
      const next = nextUpdateDue(incident, config);
      return fromTemplate(
        ctx.templates["incident-report"],
        {
          title: neutralizeInline(incident.title, 200),
          severity: incident.severity,
          declared: at(incident.declaredAt),
          declaredBy: incident.declaredBy ? neutralizeInline(incident.declaredBy, 60) : undefined,
          start: at(incident.startedAt),
          what: neutralizeInline(incident.form.summary ?? incident.title, 1500),
          applications: neutralizeInline(incident.form.applications ?? "", 500) || "not recorded",
          businessImpact: neutralizeInline(incident.form.businessImpact ?? "", 800) || "not recorded",
          revenue: incident.revenue ? "yes" : incident.form.revenue === "unknown" ? "unknown" : "no",
          lead: neutralizeInline(incident.lead ?? "nobody yet", 60),
          comms: neutralizeInline(incident.comms ?? "nobody yet", 60),
          nextUpdate: next ? at(next.dueAt) : "—",
        },
        table,
        oneLine(incident.form.summary ?? incident.title, 1200),
      );
    }
    case "end-of-incident": {
      const end = incident.resolvedAt ?? occasion.at;
      const followup = incident.postmortem
        ? `A post-mortem is under way: ${incident.postmortem.url}`
        : [...incident.notes, ...incident.deviations].length > 0
          ? `Follow up on: ${[...incident.notes, ...incident.deviations].map((n) => oneLine(n.text, 200)).join("; ")}`
          : "No further work was recorded.";
      return fromTemplate(
        ctx.templates["end-of-incident"],
        {
          title: neutralizeInline(incident.title, 200),
          severity: incident.severity,
          start: at(incident.startedAt),
          end: at(end),
          duration: formatDuration(end - incident.startedAt),
          what: neutralizeInline(incident.form.summary ?? incident.title, 1500),
          impact: neutralizeInline(incident.form.businessImpact ?? "", 800) || "not recorded",
          resolution: neutralizeInline(incident.resolution?.text ?? "", 2000),
          next: neutralizeInline(followup, 1500),
          pullRequests: incident.pullRequests.map((pr) => ({
            number: pr.number,
            title: neutralizeInline(pr.title, 120),
            url: encodeURI(pr.url),
            state: pr.state,
          })),
          hasPullRequests: incident.pullRequests.length > 0,
        },
        table,
        oneLine(incident.resolution?.text ?? "", 1200),
      );
    }
    case "postmortem-shared":
      return fromTemplate(
        ctx.templates["postmortem-shared"],
        postmortemSharedView(incident),
        table,
        `The post-mortem of incident #${incident.number} was merged.`,
      );
  }
}

/** The seed-004 table: applications, business impact, start, end, current status, resolution. */
export function stakeholderFacts(incident: Incident, config: Config): Array<Fact & { key: string }> {
  const zone = config.business_hours.timezone;
  const ended = incident.state === "cancelled" ? incident.cancelledAt : incident.resolvedAt;
  return [
    {
      key: "applications",
      label: "Applications impacted",
      value: oneLine(incident.form.applications ?? "", 500) || "not recorded",
    },
    {
      key: "businessImpact",
      label: "Business impact",
      value: oneLine(incident.form.businessImpact ?? "", 800) || "not recorded",
    },
    { key: "start", label: "Incident start", value: formatTime(incident.startedAt, zone) },
    { key: "end", label: "Incident end", value: ended === undefined ? "Ongoing" : formatTime(ended, zone) },
    {
      key: "currentStatus",
      label: "Current status",
      value: currentStatus(incident, config, (text) => oneLine(text, 600)),
    },
    {
      key: "resolution",
      label: "Resolution",
      value: incident.resolution
        ? oneLine(incident.resolution.text, 800) +
          (incident.postmortem ? ` (post-mortem: ${incident.postmortem.url})` : "")
        : incident.state === "cancelled"
          ? `Cancelled: ${oneLine(incident.cancelReason?.text ?? "", 300)}`
          : "Ongoing",
    },
  ];
}

function incidentFacts(incident: Incident, repository: string): NonNullable<MessageContent["incident"]> {
  return {
    repository,
    number: incident.number,
    title: incident.title,
    url: incident.url,
    severity: incident.severity,
    state: incident.state,
    revenue: incident.revenue,
  };
}

function application(incident: Incident, config: Config, repository: string): string {
  if (config.stakeholders.application) return config.stakeholders.application;
  const first = (incident.form.applications ?? "").split(/[\n,]/)[0]?.trim();
  return first || repository.split("/").pop() || repository;
}
