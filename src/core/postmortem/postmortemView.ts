import type { Config } from "../config/schema.js";
import { renderMarker } from "../markers.js";
import { neutralize, neutralizeBlock, neutralizeInline } from "../text/neutralize.js";
import { formatDuration, formatTime } from "../time/formatTime.js";
import type { Incident, JournalEntry, TimelineKind } from "../types.js";
import { ACTION_ITEMS_HEADING } from "./actionItems.js";
import { phaseChart } from "./phaseChart.js";
import { stepWords } from "../clocks/stepWords.js";
import { safeUrl } from "./safeUrl.js";
import { seedActionItems } from "./seedActionItems.js";
import { stripIncidentPrefix } from "./slugify.js";
import { STATE_TITLES } from "../stateTitles.js";
import { severityName } from "../render/severityName.js";

// Builds the mustache view of the post-mortem. Every string in it is final markdown: user text already
// neutralised (inline for table cells and list lines, block for quotes), missing facts already turned into
// a visible gap. The template therefore inserts with triple braces and never has to decide anything.

/** What a missing fact looks like in the document: visible, so reviewers notice and fill it in. */
export const NOT_RECORDED = "_not recorded_";

export interface PostmortemContext {
  now: number;
  repoUrl: string;
  /** The acknowledgement clock as the reconciler computed it (business hours decide the deadline). */
  ackDeadline?: { dueAt: number; met: boolean };
  /** Escalation steps that fired; without it the posted escalation notices are listed instead. */
  escalations?: Array<{ key: string; at: number; notify: string[]; note?: string }>;
}

interface Row {
  label: string;
  value: string;
}

const KIND_WORDS: Record<TimelineKind, string> = {
  declared: "declared",
  state: "state",
  severity: "severity",
  impact: "impact",
  role: "role",
  update: "update",
  note: "note",
  deviation: "deviation",
  workaround: "workaround",
  resolution: "resolution",
  started: "start time",
  cancel: "cancelled",
  label: "label",
  assignment: "assignment",
  "pull-request": "pull request",
  escalation: "escalation",
  breach: "deadline missed",
  reminder: "reminder",
  "freeze-exception": "freeze exception",
  alert: "alert",
  postmortem: "post-mortem",
  closed: "closed",
  reopened: "reopened",
  edited: "command edited",
  "freeze-held": "freeze held",
};

export function postmortemView(
  incident: Incident,
  config: Config,
  ctx: PostmortemContext,
): Record<string, unknown> {
  const zone = config.business_hours.timezone;
  const time = (at: number | undefined) =>
    at === undefined ? NOT_RECORDED : neutralize(formatTime(at, zone));
  const who = (login: string | undefined) => (login ? person(login) : NOT_RECORDED);
  const inline = (text: string | undefined, max = 300) =>
    text !== undefined && text.trim() !== "" ? neutralizeInline(text, max) : NOT_RECORDED;
  const block = (text: string | undefined) =>
    text !== undefined && text.trim() !== "" ? neutralizeBlock(text) : NOT_RECORDED;
  const between = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? NOT_RECORDED : formatDuration(to - from);
  const repoUrl = safeUrl(ctx.repoUrl.replace(/\/+$/, ""));
  const pullUrl = (number: number, url?: string) =>
    safeUrl(url) ?? (repoUrl ? `${repoUrl}/pull/${number}` : undefined);
  const issueUrl = (number: number) => (repoUrl ? `${repoUrl}/issues/${number}` : undefined);
  const link = (text: string, url: string | undefined) => (url ? `[${text}](${url})` : text);
  // User text can hold brackets that would break a link around it, so the link goes beside it.
  const withSource = (text: string, url: string | undefined) => (url ? `${text} ([source](${url}))` : text);

  const { form } = incident;
  const title = stripIncidentPrefix(incident.title).trim();
  const ended = incident.resolvedAt ?? incident.cancelledAt;

  const impact: Row[] = [
    { label: "Applications impacted", value: inline(form.applications) },
    { label: "Business / customer impact", value: inline(form.businessImpact, 1000) },
    { label: "Revenue affected", value: revenueWords(incident, config) },
    { label: "Started", value: time(incident.startedAt) },
    ...(form.startedText?.trim()
      ? [{ label: "Start as reported on the form", value: inline(form.startedText) }]
      : []),
    {
      label: "Ended",
      value: ended !== undefined ? time(ended) : `${NOT_RECORDED} (still open when this was written)`,
    },
    { label: "Total duration", value: between(incident.startedAt, ended) },
  ];

  const detection: Row[] = [
    { label: "Declared by", value: who(incident.declaredBy) },
    { label: "Declared at", value: time(incident.declaredAt) },
    { label: "Problem began", value: `${time(incident.startedAt)}; ${startSource(incident)}` },
    { label: "Severity on the form", value: form.severity ? severityName(form.severity) : NOT_RECORDED },
  ];

  const durations: Row[] = [
    {
      label: "Time to declare (problem began → declared)",
      value: startReported(incident)
        ? between(incident.startedAt, incident.declaredAt)
        : `${NOT_RECORDED} (no earlier start was reported)`,
    },
    {
      label: "Time to acknowledge (declared → acknowledged)",
      value: between(incident.declaredAt, incident.acknowledgedAt),
    },
    { label: "Acknowledgement deadline", value: ackWords(incident, ctx, time) },
    {
      label: "Time to mitigate (problem began → workaround)",
      value: between(incident.startedAt, incident.mitigatedAt),
    },
    {
      label: "Time to resolve (problem began → resolved)",
      value: between(incident.startedAt, incident.resolvedAt),
    },
    {
      label: "Declared → resolved",
      value: between(incident.declaredAt, incident.resolvedAt),
    },
  ];

  const escalations = ctx.escalations
    ? ctx.escalations.map((step) => ({
        time: time(step.at),
        step: inline(stepWords(step.key, config), 200),
        notify: step.notify.length > 0 ? step.notify.map(person).join(", ") : NOT_RECORDED,
        note: step.note?.trim() ? neutralizeInline(step.note, 300) : "—",
      }))
    : incident.notices
        .filter((notice) => notice.kind === "escalation")
        .map((notice) => ({
          time: time(notice.at),
          step: inline(notice.keys.map((key) => stepWords(key, config)).join("; "), 300),
          notify: NOT_RECORDED,
          note: "—",
        }));

  const roles: Row[] = [
    { label: "Lead", value: who(incident.lead) },
    { label: "Communicator", value: who(incident.comms) },
    { label: "Acknowledged by", value: who(incident.acknowledgedBy) },
    ...Object.entries(incident.roles)
      .filter(([, logins]) => logins.length > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([role, logins]) => ({
        label: capitalise(inline(role, 60)),
        value: logins.map(person).join(", "),
      })),
  ];

  const journal = (entry: JournalEntry | undefined) =>
    entry && entry.text.trim() !== ""
      ? { quote: neutralizeBlock(entry.text), by: who(entry.by), time: time(entry.at) }
      : undefined;

  const timeline = [...incident.timeline]
    .sort((a, b) => a.at - b.at)
    .map((entry) => ({
      time: time(entry.at),
      kind: KIND_WORDS[entry.kind] ?? inline(entry.kind, 40),
      actor: entry.actor ? person(entry.actor) : "Expedite",
      // "Fold nothing": the whole text, only made table-safe.
      text: withSource(inline(entry.text, 2000), safeUrl(entry.url)),
    }));

  const pullRequests = [...incident.pullRequests]
    .sort((a, b) => a.at - b.at)
    .map((pr) => ({
      link: link(`#${pr.number}`, pullUrl(pr.number, pr.url)),
      title: inline(pr.title, 200),
      // A revert is said beside the state rather than in a column of its own that is mostly empty.
      state:
        (pr.state === "merged" ? "merged" : pr.state === "open" ? "open" : "closed without merging") +
        (pr.revert ? " (⚠️ a revert)" : ""),
      merged: pr.mergedAt !== undefined ? time(pr.mergedAt) : pr.state === "merged" ? NOT_RECORDED : "—",
    }));

  const freezeExceptions = [...incident.freezeExceptions]
    .sort((a, b) => a.at - b.at)
    .map((exception) => ({
      pr: exception.deploy
        ? `deploy (${link(`#${exception.pullRequest}`, issueUrl(exception.pullRequest))})`
        : link(`#${exception.pullRequest}`, pullUrl(exception.pullRequest)),
      by: who(exception.by),
      time: time(exception.at),
      sha: exception.sha.trim()
        ? link(shortSha(exception.sha), shaUrl(repoUrl, exception.sha))
        : NOT_RECORDED,
      reason: inline(exception.reason, 500),
      outcome: exception.granted ? "granted" : "refused",
    }));

  const seeded = seedActionItems(incident, ctx);
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const promised = incident.updates.filter((u) => u.nextDueAt !== undefined).length;
  const reminders = incident.notices.filter((n) => n.kind === "reminder").length;
  // The facts a review of the process starts from (playbook 003: reflect on the response itself).
  const process = [
    `Acknowledgement: ${ackWords(incident, ctx, time)}.`,
    incident.updates.length === 0
      ? "Status updates: none was posted."
      : `Status updates: ${count(incident.updates.length, "update")} posted, ${promised} saying when the next would come; ${count(reminders, "reminder")} that one was due.`,
    `Escalation: ${escalations.length === 0 ? "no step fired" : `${count(escalations.length, "step")} fired`}.`,
    `Shortcuts recorded with \`/deviation\`: ${incident.deviations.length}.`,
    ...(incident.gaps.length > 0
      ? [`States the record did not back up: ${incident.gaps.length} (listed under the timeline).`]
      : []),
  ];

  return {
    marker: renderMarker("postmortem", { incident: incident.number }),
    number: incident.number,
    title: title === "" ? `Incident ${incident.number}` : neutralizeInline(title, 200),
    incidentLink: link(`#${incident.number}`, safeUrl(incident.url)),
    generatedAt: time(ctx.now),
    zone: neutralize(zone),
    severity: `${severityName(incident.severity)}${incident.severitySet ? "" : " (default; nobody set one)"}`,
    state: STATE_TITLES[incident.state] ?? inline(incident.state, 40),
    summary: block(form.summary),
    impact,
    detection,
    evidence: block(form.evidence),
    reproduce: block(form.reproduce),
    timeline,
    timelineEmpty: timeline.length === 0 ? NOT_RECORDED : "",
    durations,
    escalations,
    escalationsEmpty: escalations.length === 0 ? "No escalation step fired." : "",
    roles,
    workaround: journal(incident.workaround),
    workaroundMissing: journal(incident.workaround) ? "" : NOT_RECORDED,
    resolution: journal(incident.resolution),
    resolutionMissing: journal(incident.resolution) ? "" : NOT_RECORDED,
    cancelReason: journal(incident.cancelReason),
    updates: [...incident.updates]
      .sort((a, b) => a.at - b.at)
      .map((update) => ({
        time: time(update.at),
        by: who(update.by),
        text: inline(update.text, 2000),
        next: update.nextDueAt !== undefined ? time(update.nextDueAt) : "",
      })),
    updatesEmpty: incident.updates.length === 0 ? `${NOT_RECORDED}: no status update was posted.` : "",
    deviations: [...incident.deviations]
      .sort((a, b) => a.at - b.at)
      .map((deviation) => ({
        time: time(deviation.at),
        by: who(deviation.by),
        quote: block(deviation.text),
      })),
    deviationsEmpty: incident.deviations.length === 0 ? "None recorded with `/deviation`." : "",
    freezeExceptions,
    freezeExceptionsEmpty: freezeExceptions.length === 0 ? "None requested during this incident." : "",
    pullRequests,
    pullRequestsEmpty:
      pullRequests.length === 0 ? `${NOT_RECORDED}: no pull request was linked to the incident.` : "",
    gaps: incident.gaps.map((gap) => ({ time: time(gap.since), message: inline(gap.message, 500) })),
    phaseChart: phaseChart(incident, zone),
    process,
    actionItemsHeading: ACTION_ITEMS_HEADING,
    actionItems: seeded.map((text) => ({ text })),
    actionItemsEmpty:
      seeded.length === 0 ? "_Nothing was derived automatically; add what the review decides._" : "",
    followupLabel: neutralizeInline(config.labels.followup, 100),
  };
}

/** A login shown without notifying anyone: the word joiner from neutralize sits after the "@". */
function person(login: string): string {
  return neutralizeInline(login.startsWith("@") ? login : `@${login}`, 100);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function revenueWords(incident: Incident, config: Config): string {
  if (incident.revenue) return "Yes";
  switch (incident.form.revenue) {
    case "yes":
      return `Yes on the form, though the ${neutralizeInline(config.labels.revenue, 100)} label is not set`;
    case "unknown":
      return "Unknown (as answered on the form)";
    case "no":
      return "No";
    default:
      return `No (${NOT_RECORDED} on the form)`;
  }
}

function startSource(incident: Incident): string {
  // The form's own "problem began" row has no actor; only a person's `/started` has one.
  if (incident.timeline.some((entry) => entry.kind === "started" && entry.actor !== undefined))
    return "set with `/started`";
  if (incident.unreadStart)
    return "the form's answer could not be read as a time, so this is the declaration time";
  if (incident.form.startedAt !== undefined) return "from the form";
  return "no earlier start was reported, so this is the declaration time";
}

/** Whether anyone said when the problem began, as opposed to the declaration time standing in for it. */
function startReported(incident: Incident): boolean {
  return (
    incident.startedAt !== incident.declaredAt ||
    incident.form.startedAt !== undefined ||
    incident.timeline.some((entry) => entry.kind === "started")
  );
}

function ackWords(
  incident: Incident,
  ctx: PostmortemContext,
  time: (at: number | undefined) => string,
): string {
  if (ctx.ackDeadline) {
    const due = time(ctx.ackDeadline.dueAt);
    if (ctx.ackDeadline.met) return `Met (due by ${due})`;
    return incident.acknowledgedAt !== undefined && incident.acknowledgedAt > ctx.ackDeadline.dueAt
      ? `**Missed** by ${formatDuration(incident.acknowledgedAt - ctx.ackDeadline.dueAt)} (due by ${due})`
      : `**Missed** (due by ${due}${incident.acknowledgedAt === undefined ? "; never acknowledged" : ""})`;
  }
  const breach = incident.notices.find((notice) => notice.kind === "ack-breach");
  if (breach) return `**Missed** (a breach notice was posted at ${time(breach.at)})`;
  return NOT_RECORDED;
}

function shortSha(sha: string): string {
  return /^[0-9a-f]{7,40}$/i.test(sha) ? `\`${sha.slice(0, 7)}\`` : neutralizeInline(sha, 40);
}

function shaUrl(repoUrl: string | undefined, sha: string): string | undefined {
  return repoUrl && /^[0-9a-f]{7,40}$/i.test(sha) ? `${repoUrl}/commit/${sha}` : undefined;
}
