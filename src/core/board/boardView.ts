import { acknowledgeFrom, waitsForOffice } from "../clocks/waitsForOffice.js";
import type { Config } from "../config/schema.js";
import type { Incident, IncidentState } from "../types.js";
import { neutralizeInline } from "../text/neutralize.js";
import { formatDuration, formatTime } from "../time/formatTime.js";
import { displayName } from "../render/displayName.js";
import { STATE_TITLES } from "../stateTitles.js";

export { STATE_TITLES };
import { acknowledgeDeadline } from "../clocks/acknowledgeDeadline.js";
import { originWords } from "../clocks/escalationOrigin.js";
import { escalationPlan } from "../clocks/escalationPlan.js";
import { nextUpdateDue } from "../clocks/nextUpdateDue.js";
import { stepsCoveredBy } from "../clocks/stepsCoveredBy.js";
import { resolveHandles } from "../clocks/resolveHandles.js";
import { deliveryRows } from "../channels/deliveryRows.js";
import { stakeholderClock } from "../channels/stakeholderClock.js";
import { currentStatus } from "./currentStatus.js";
import { severityName } from "../render/severityName.js";

const STATE_ICONS: Record<IncidentState, string> = {
  declared: "🔴",
  acknowledged: "🟠",
  mitigated: "🟡",
  resolved: "🟢",
  postmortem: "📝",
  cancelled: "⚪",
};

const NOT_RECORDED = "_not recorded_";

export interface BoardTimelineRow {
  utc: string;
  who: string;
  what: string;
}

/**
 * Everything the status board shows, as strings safe to insert. Only absolute times appear, never "in 5
 * minutes": the board must render identically between clock boundaries so an idle reconcile writes nothing.
 */
export function boardView(incident: Incident, config: Config, now: number): Record<string, unknown> {
  const zone = config.business_hours.timezone;
  const at = (t: number | undefined) => (t === undefined ? undefined : formatTime(t, zone));
  const since = (t: number | undefined) =>
    t === undefined
      ? undefined
      : `${formatTime(t, zone)} — ${formatDuration(t - incident.startedAt)} after the start`;
  const closed =
    incident.state === "resolved" || incident.state === "postmortem" || incident.state === "cancelled";

  const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
  const ackStatus =
    incident.acknowledgedAt !== undefined
      ? incident.acknowledgedAt <= ack.dueAt
        ? `✅ met — acknowledged ${formatDuration(incident.acknowledgedAt - incident.declaredAt)} after declaration`
        : `⚠️ missed — acknowledged ${formatDuration(incident.acknowledgedAt - ack.dueAt)} late`
      : closed
        ? "—"
        : now >= ack.dueAt
          ? "🚨 **breached** — nobody has typed `/ack`"
          : "waiting for `/ack`";

  const plan = escalationPlan(incident, config, now);
  // Only notices posted at or after a step's due time count, so an edited notice cannot fake a step.
  const fired = new Set(stepsCoveredBy(incident, config).map((s) => s.key));
  const escalations = plan.steps.map((step) => ({
    when: formatTime(step.dueAt, zone),
    who:
      resolveHandles(step.notify, incident, config, step.dueAt)
        .map((h) => neutralizeInline(h.replace(/^@/, "")))
        .join(", ") || "nobody configured",
    status:
      step.state === "stopped"
        ? "stopped (workaround or resolution came first)"
        : fired.has(step.key)
          ? "🔔 notified"
          : step.state === "due"
            ? "🔔 due"
            : "pending",
  }));

  const update = nextUpdateDue(incident, config);
  const updateLine =
    update === undefined
      ? undefined
      : `${formatTime(update.dueAt, zone)}${update.promised ? " (as promised)" : ` (every ${config.updates.cadence[String(incident.severity) as "1" | "2" | "3" | "4"]} at ${severityName(incident.severity)})`}${now >= update.dueAt ? " — ⚠️ **overdue**" : ""}`;

  const ended = incident.resolvedAt ?? incident.cancelledAt;

  const roles = Object.entries(incident.roles)
    .filter(([, people]) => people.length > 0)
    .map(([role, people]) => ({
      role: neutralizeInline(role),
      people: people.map((p) => displayName(p)).join(", "),
    }));

  return {
    number: incident.number,
    icon: STATE_ICONS[incident.state],
    title: neutralizeInline(incident.title, 200),
    state:
      incident.postmortem?.state === "merged"
        ? "Closed — post-mortem merged"
        : !incident.open && incident.state !== "cancelled"
          ? `${STATE_TITLES[incident.state]} — issue closed`
          : STATE_TITLES[incident.state],
    severity: `${severityName(incident.severity)}${incident.severitySet ? "" : " (default — set it with `/sev <1-4>`)"}`,
    revenue: incident.revenueAssumed
      ? "💸 **treated as affected**: the report says “unknown”, so the revenue escalation ladder applies. `/impact none` if it is not."
      : incident.revenue
        ? "💸 **affected**"
        : incident.form.revenue === "unknown"
          ? "unknown"
          : "not affected",
    lead: displayName(incident.lead) ?? "_nobody yet — `/ack` or `/lead @someone`_",
    comms: displayName(incident.comms) ?? "_nobody yet — `/comms @someone`_",
    roles,
    hasRoles: roles.length > 0,
    started: incident.unreadStart
      ? `${at(incident.startedAt)} — ⚠️ the form's answer “${neutralizeInline(incident.unreadStart.text, 100)}” could not be used (${neutralizeInline(incident.unreadStart.reason, 300)}), so this is the declaration time. Type \`/started <time>\` to set it.`
      : at(incident.startedAt),
    declared: at(incident.declaredAt),
    ackDue: `${formatTime(ack.dueAt, zone)} (${ack.businessHours ? "inside" : "outside"} business hours)`,
    ackStatus,
    acknowledged: since(incident.acknowledgedAt) ?? "—",
    mitigated: since(incident.mitigatedAt) ?? "—",
    resolved: since(incident.resolvedAt) ?? "—",
    nextUpdate: updateLine ?? "—",
    stakeholderNotice: stakeholderLine(incident, config, now),
    escalations,
    hasEscalations: escalations.length > 0,
    ladder: plan.ladder ?? "none",
    waiting: waitingLine(incident, config, now),
    escalationOrigin: originWords(config),
    applications: neutralizeInline(incident.form.applications ?? "", 500) || NOT_RECORDED,
    businessImpact: neutralizeInline(incident.form.businessImpact ?? "", 800) || NOT_RECORDED,
    stakeholderStart: formatTime(incident.startedAt, zone),
    stakeholderEnd: ended === undefined ? "Ongoing" : formatTime(ended, zone),
    currentStatus: currentStatus(incident, config, (text) => neutralizeInline(text, 500)),
    resolution: incident.resolution
      ? neutralizeInline(incident.resolution.text, 800)
      : incident.state === "cancelled"
        ? `Cancelled: ${neutralizeInline(incident.cancelReason?.text ?? "", 300)}`
        : closed
          ? "⚠️ _not journaled_"
          : "Ongoing",
    workaround: incident.workaround ? neutralizeInline(incident.workaround.text, 800) : undefined,
    gaps: incident.gaps.map((g) => ({ message: g.message })),
    hasGaps: incident.gaps.length > 0,
    postmortem: incident.postmortem
      ? { number: incident.postmortem.number, url: incident.postmortem.url, state: incident.postmortem.state }
      : undefined,
    pullRequests: incident.pullRequests.map((pr) => ({
      number: pr.number,
      url: pr.url,
      title: neutralizeInline(pr.title, 120),
      state: pr.state,
      revert: pr.revert,
    })),
    hasPullRequests: incident.pullRequests.length > 0,
    followups: incident.followups.map((f) => ({
      number: f.number,
      url: f.url,
      title: neutralizeInline(f.title, 160),
    })),
    hasFollowups: incident.followups.length > 0,
    deliveries: deliveryRows(incident.deliveries ?? [], config, now),
    hasDeliveries: (incident.deliveries ?? []).length > 0,
    zone,
  };
}

export function timelineRows(incident: Incident, config: Config): BoardTimelineRow[] {
  const zone = config.business_hours.timezone;
  return incident.timeline.map((entry) => ({
    utc: formatTime(entry.at, zone),
    who: entry.actor === undefined ? "Expedite" : neutralizeInline(entry.actor, 60),
    what: neutralizeInline(entry.text, 600) + (entry.url ? ` ([link](${encodeURI(entry.url)}))` : ""),
  }));
}

// Said on the board so nobody wonders why a minor incident at 23:00 on a Saturday pages nobody.
function waitingLine(incident: Incident, config: Config, now: number): string | undefined {
  const opens = waitsForOffice(incident, config);
  if (opens === undefined || !incident.open) return undefined;
  const when = formatTime(opens, config.business_hours.timezone);
  return now < opens
    ? `🌙 Minor, revenue not affected, declared outside business hours: it waits for the office. Clocks start and the on-call engineer is assigned at ${when}. If it cannot wait, raise it with \`/sev <1-3>\` or \`/impact revenue\`.`
    : `🌙 Declared outside business hours as minor with revenue not affected: its clocks started when the office opened, ${when}.`;
}

/** The stakeholder-notice clock's board line: when it is due, and when and where it went. */
function stakeholderLine(incident: Incident, config: Config, now: number): string | undefined {
  const clock = stakeholderClock(incident, config);
  if (!clock) return undefined;
  const zone = config.business_hours.timezone;
  const due = formatTime(clock.dueAt, zone);
  if (clock.sentAt !== undefined)
    return `✅ sent ${formatTime(clock.sentAt, zone)} to ${clock.channels.map((c) => `\`${c}\``).join(", ")} (due by ${due})`;
  if (clock.requested) return `due by ${due} — requested with \`/announce\`, on its way`;
  return now >= clock.dueAt
    ? `🚨 **overdue** since ${due} — \`/announce\` sends it`
    : `due by ${due} — \`/announce\` sends it`;
}
