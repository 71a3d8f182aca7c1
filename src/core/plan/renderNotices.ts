import { acknowledgeFrom } from "../clocks/waitsForOffice.js";
import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { renderMarker, markerIdentity } from "../markers.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { neutralizeInline } from "../text/neutralize.js";
import { formatTime, formatDuration } from "../time/formatTime.js";
import { displayName } from "../render/displayName.js";
import { planNotices } from "../clocks/planNotices.js";
import { resolveHandles } from "../clocks/resolveHandles.js";
import { acknowledgeDeadline } from "../clocks/acknowledgeDeadline.js";
import { escalationOrigin, originWords } from "../clocks/escalationOrigin.js";
import { STATE_TITLES } from "../board/boardView.js";
import type { Templates } from "../render/templates.js";
import type { RenderedComment } from "./renderReplies.js";

/**
 * Clock-driven notices that are due and not yet posted. Each is keyed by what it covers, so a second
 * sweep (or a second reconciler racing this one) produces the same identity and never a second notice.
 */
export function renderNotices(
  incident: Incident,
  config: Config,
  now: number,
  templates: Templates,
): RenderedComment[] {
  const zone = config.business_hours.timezone;
  const rendered: RenderedComment[] = [];
  if (!incident.open) return rendered;
  for (const notice of planNotices(incident, config, now)) {
    const data = { type: notice.kind, keys: notice.keys.join(",") };
    const identity = markerIdentity({ kind: "notice", data });
    // Mentions here are deliberate: configured contacts and role holders, never text a person typed.
    const mentions = notice.mentions.join(" ") || "Team";
    let body: string;
    if (notice.kind === "escalation") {
      const steps = notice.steps ?? [];
      const origin = escalationOrigin(incident, config);
      // The real elapsed time at posting, not the step's nominal delay: a notice posted at declaration for
      // a problem that began two hours earlier says two hours.
      const reported =
        incident.declaredAt > incident.startedAt
          ? ` (reported ${formatDuration(now - incident.declaredAt)} ago)`
          : "";
      body = renderTemplate(templates["notice-escalation"], {
        number: incident.number,
        severity: incident.severity,
        mentions,
        started: formatTime(incident.startedAt, zone),
        reason:
          steps.length > 1
            ? `has run for ${formatDuration(now - incident.startedAt)}${reported}; ${steps.length} escalation steps are due at once`
            : `has run for ${formatDuration(now - incident.startedAt)}${reported}${incident.workaround ? "" : " without a workaround"}`,
        steps: steps.map((s) => ({
          due: `after ${formatDuration(s.dueAt - origin)} ${originWords(config)} (${formatTime(s.dueAt, zone)})`,
          // A step without a note says whom it calls, as people (placeholders like {oncall} resolved).
          note: neutralizeInline(
            s.note ??
              `calls ${resolveHandles(s.notify, incident, config, s.dueAt)
                .map((h) => h.replace(/^@/, ""))
                .join(", ")}`,
            300,
          ),
        })),
        state: STATE_TITLES[incident.state],
        lead: displayName(incident.lead) ?? "nobody yet",
      });
    } else if (notice.kind === "ack-breach") {
      const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
      body = renderTemplate(templates["notice-ack-breach"], {
        number: incident.number,
        mentions,
        declared: formatTime(incident.declaredAt, zone),
        due: formatTime(ack.dueAt, zone),
        window: `${formatDuration(ack.allowanceMs)} ${ack.businessHours ? "inside" : "outside"} business hours`,
      });
    } else {
      const last = incident.updates.at(-1);
      body = renderTemplate(templates["notice-reminder"], {
        number: incident.number,
        mentions,
        due: formatTime(notice.dueAt, zone),
        promised: last?.nextDueAt !== undefined && last.nextDueAt === notice.dueAt,
      });
    }
    rendered.push({
      identity,
      body: `${renderMarker("notice", data)}\n${body}`,
      notice: { kind: notice.kind, keys: notice.keys },
    });
  }
  return rendered;
}
