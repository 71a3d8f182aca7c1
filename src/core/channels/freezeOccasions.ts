import type { Config } from "../config/schema.js";
import { scheduledFreezes } from "../freeze/scheduledFreezes.js";
import { occurrenceKey } from "../freeze/upcomingFreezes.js";
import type { FreezeIssue } from "../freeze/types.js";
import type { Incident } from "../types.js";
import type { Occasion } from "./occasions.js";
import type { FreezeSubject } from "./types.js";

// A freeze starts and ends once; its two messages carry the freeze's identity: the incident's n-th freeze,
// the freeze issue, or the configured occurrence. Where the records live follows from it: on the incident,
// on the freeze issue, and on the "Code freeze calendar" issue for windows and closures.

/** The freezes an incident caused (SEV1 by default, while open and unresolved), each started and ended. */
export function incidentFreezeOccasions(incident: Incident, config: Config): Occasion[] {
  return (incident.freezePeriods ?? []).flatMap((period, index) =>
    freezeOccasions(`${index + 1}`, config, {
      kind: "incident",
      name: `Incident #${incident.number} (SEV${incident.severity})`,
      startedAt: period.startedAt,
      ...(period.endedAt !== undefined ? { endedAt: period.endedAt } : {}),
      link: incident.url,
      incident: incident.number,
      reason: incident.title,
      branches: config.freeze.branches,
    }),
  );
}

/**
 * A `/freeze` issue: started when opened, ended when its end time passed or when it was lifted. A close by
 * someone without the role to lift it does not lift it: the freeze holds through a hold record (the hold
 * label marks the issue until the record is opened and after), and ends when every record is closed.
 */
export function manualFreezeOccasions(
  issue: FreezeIssue,
  config: Config,
  defaultBranch: string,
  now: number,
  hold: { labelled: boolean; records: readonly FreezeIssue[] } = { labelled: false, records: [] },
): Occasion[] {
  const lapsed = issue.until !== undefined && issue.until <= now ? issue.until : undefined;
  const closes = [issue.closedAt, ...hold.records.map((r) => r.closedAt)];
  const held = hold.labelled && hold.records.length === 0;
  const lifted =
    held || closes.some((at) => at === undefined)
      ? undefined
      : Math.max(...closes.filter((at): at is number => at !== undefined));
  const endedAt = lapsed === undefined ? lifted : lifted === undefined ? lapsed : Math.min(lapsed, lifted);
  return freezeOccasions("", config, {
    kind: "manual",
    name: `Manual freeze #${issue.number}`,
    startedAt: issue.openedAt,
    ...(issue.until !== undefined ? { endsAt: issue.until } : {}),
    ...(endedAt !== undefined ? { endedAt } : {}),
    link: issue.url,
    issue: issue.number,
    reason: issue.reason,
    branches: coveredBranches(
      issue.branches.length > 0 ? issue.branches : config.freeze.branches,
      defaultBranch,
    ),
  });
}

/** Configured windows, weekly freezes and closures that started or ended between `from` and `now`. */
export function scheduledFreezeOccasions(
  config: Config,
  defaultBranch: string,
  from: number,
  now: number,
): Occasion[] {
  const branches = coveredBranches(config.freeze.branches, defaultBranch);
  return scheduledFreezes(config, from, now).flatMap((scheduled) =>
    freezeOccasions(`${occurrenceKey(scheduled)}`, config, {
      kind: scheduled.kind,
      name: scheduled.name,
      startedAt: scheduled.start,
      endsAt: scheduled.end,
      ...(scheduled.end <= now ? { endedAt: scheduled.end } : {}),
      branches,
    }).filter((occasion) => occasion.at >= from && occasion.at <= now),
  );
}

function freezeOccasions(key: string, config: Config, freeze: FreezeSubject): Occasion[] {
  const id = (event: string) => (key === "" ? event : `${event}:${key}`);
  const subject = { type: "freeze" as const, freeze };
  const found: Occasion[] = [
    {
      message: id("freeze-started"),
      event: "freeze-started",
      at: freeze.startedAt,
      channels: config.deploys.channels,
      subject,
    },
  ];
  if (freeze.endedAt !== undefined)
    found.push({
      message: id("freeze-ended"),
      event: "freeze-ended",
      at: freeze.endedAt,
      channels: config.deploys.channels,
      subject,
    });
  return found;
}

function coveredBranches(globs: readonly string[], defaultBranch: string): string[] {
  return globs.length > 0 ? [...globs] : [defaultBranch];
}
