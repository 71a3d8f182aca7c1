import type { Config } from "../config/schema.js";
import type { IssueSnapshot } from "../snapshot.js";
import { labelNames } from "../projection/labelNames.js";
import { isBotFreezeIssue } from "./freezeIssue.js";
import { isFreezing } from "./isFreezing.js";

/** What an issue event says a person changed: a label put on or taken off, or the issue closed or reopened. */
export interface HandChange {
  /** The issue as the event showed it, after the change. */
  issue?: IssueSnapshot;
  label?: { name: string; added: boolean };
  /** The issue's open state before it became the other one. */
  stateChanged?: "closed" | "reopened";
}

/**
 * Whether a change made by hand (a label put on or taken off, the issue closed or reopened) may have made
 * the issue start or stop freezing merges. The incident reconcile sees only the state after the event, so
 * it cannot tell; the event says what changed. Bursts of label events are coalesced into the newest one
 * (sev:2 → sev:1 is two events), so any such change that touches a freezing incident, before or after,
 * re-checks the pull requests: a hand change must turn them red at once, not at the next full pass.
 */
export function handChangeMovedFreeze(change: HandChange, config: Config): boolean {
  const { label, issue, stateChanged } = change;
  if (issue === undefined) return false;
  if (label !== undefined) {
    const name = label.name.toLowerCase();
    if (name === config.labels.freeze.toLowerCase() || name === config.labels.freeze_held.toLowerCase())
      return true;
    if (!decidesFreeze(name, config)) return false;
    const before = label.added
      ? issue.labels.filter((l) => l.toLowerCase() !== name)
      : [...issue.labels, label.name];
    return isFreezing({ ...issue, labels: before }, config) || isFreezing(issue, config);
  }
  if (stateChanged !== undefined) {
    const before = { ...issue, state: stateChanged === "reopened" ? ("closed" as const) : ("open" as const) };
    return isFreezing(before, config) || isFreezing(issue, config);
  }
  return false;
}

/**
 * Whether a hand change to an issue that is not (or no longer) an incident may have lifted a freeze that
 * must hold: a freeze issue closed, reopened or relabelled, the incident label taken off, or an issue the
 * hold label already marks.
 */
export function mayHoldFreeze(change: HandChange, config: Config, trustedBots: ReadonlySet<string>): boolean {
  const { issue, label, stateChanged } = change;
  if (issue === undefined) return false;
  const has = (name: string) => issue.labels.some((l) => l.toLowerCase() === name.toLowerCase());
  if (has(config.labels.freeze_held)) return true;
  if (!issue.isPullRequest && isBotFreezeIssue(issue.author, issue.body, trustedBots))
    return label !== undefined || stateChanged !== undefined;
  return (
    label !== undefined && !label.added && label.name.toLowerCase() === config.labels.incident.toLowerCase()
  );
}

/** The labels an incident's freeze is read from: the incident label, severities and states. */
function decidesFreeze(name: string, config: Config): boolean {
  const names = labelNames(config);
  return (
    name === config.labels.incident.toLowerCase() ||
    names.severityOf(name) !== undefined ||
    names.stateOf(name) !== undefined
  );
}
