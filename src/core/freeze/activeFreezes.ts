import { PLAYBOOK_LEAD_DAYS, type Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { freezeCoversBranch } from "./matches.js";
import { scheduledFreezes } from "./scheduledFreezes.js";
import type { ActiveFreeze, FreezeIssue } from "./types.js";
import { severityName } from "../render/severityName.js";

// An incident past these states no longer threatens production, so it no longer holds merges back.
export const SETTLED_STATES: ReadonlySet<string> = new Set(["resolved", "postmortem", "cancelled"]);

/**
 * The freezes in force on `base` at `now`, soonest-ending first (open-ended ones last). Windows,
 * closures and incidents follow `freeze.branches`; a manual freeze issue with branches of its own
 * follows those instead.
 */
export function activeFreezes(input: {
  now: number;
  config: Config;
  defaultBranch: string;
  base: string;
  freezeIssues: FreezeIssue[];
  incidents: Incident[];
}): ActiveFreeze[] {
  const { now, config, defaultBranch, base } = input;
  const found: ActiveFreeze[] = [];
  const configured = freezeCoversBranch(base, config.freeze.branches, defaultBranch);

  if (configured) {
    for (const scheduled of scheduledFreezes(config, now, now)) {
      if (scheduled.start <= now && now < scheduled.end) {
        found.push({
          kind: scheduled.kind,
          name: scheduled.name,
          startedAt: scheduled.start,
          endsAt: scheduled.end,
          ...(scheduled.leadDays !== undefined && scheduled.leadDays < PLAYBOOK_LEAD_DAYS
            ? { reason: shortLeadWarning(scheduled.leadDays) }
            : {}),
        });
      }
    }
    for (const incident of input.incidents) {
      if (!freezesMerges(incident, config)) continue;
      found.push({
        kind: "incident",
        name: `Incident #${incident.number} (${severityName(incident.severity)})`,
        startedAt: incident.declaredAt,
        link: incident.url,
        incident: incident.number,
        reason: incident.title,
      });
    }
  }

  for (const issue of input.freezeIssues) {
    if (issue.closedAt !== undefined || (issue.until !== undefined && now >= issue.until)) continue;
    const globs = issue.branches.length > 0 ? issue.branches : config.freeze.branches;
    if (!freezeCoversBranch(base, globs, defaultBranch)) continue;
    found.push({
      kind: "manual",
      name:
        issue.heldFor !== undefined ? `Freeze held by #${issue.number}` : `Manual freeze #${issue.number}`,
      startedAt: issue.openedAt,
      ...(issue.until !== undefined && { endsAt: issue.until }),
      link: issue.url,
      issue: issue.number,
      reason: issue.reason,
    });
  }

  return found.sort(byEnd);
}

/** Whether an incident freezes merges now: open, not settled, and of a freezing severity; or held. */
export function freezesMerges(
  incident: Pick<Incident, "open" | "state" | "severity" | "freezeHeld">,
  config: Config,
): boolean {
  // Held: a hand change by someone without the role to lift the freeze does not lift it.
  if (incident.freezeHeld === true) return true;
  return (
    // The state label is the truth: a responder moving an incident back from resolved revives its freeze.
    incident.open &&
    !SETTLED_STATES.has(incident.state) &&
    config.freeze.incident_severities.includes(incident.severity)
  );
}

// Stable order for titles and summaries: the first to lift comes first, ties by start, then by name.
function byEnd(a: ActiveFreeze, b: ActiveFreeze): number {
  const endA = a.endsAt ?? Infinity;
  const endB = b.endsAt ?? Infinity;
  if (endA !== endB) return endA < endB ? -1 : 1;
  if (a.startedAt !== b.startedAt) return a.startedAt - b.startedAt;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

// Accepted only with short_lead_ok, and said wherever the freeze shows so nobody mistakes it for the norm.
function shortLeadWarning(days: number): string {
  const when =
    days === 0
      ? "only when the office closes"
      : `only ${days} day${days === 1 ? "" : "s"} before the office closes`;
  return `⚠️ starts ${when}, later than the playbook's ${PLAYBOOK_LEAD_DAYS} days (short_lead_ok)`;
}
