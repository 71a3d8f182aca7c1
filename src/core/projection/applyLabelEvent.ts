import type { Config } from "../config/schema.js";
import type { TimelineEvent } from "../snapshot.js";
import type { Draft } from "./draft.js";
import type { LabelNames } from "./labelNames.js";
import { enterState } from "./enterState.js";
import { severityName } from "../render/severityName.js";

type LabelEvent = Extract<TimelineEvent, { type: "labeled" | "unlabeled" }>;

/**
 * A person changed a label. Responders are never overruled: a state or severity label they add becomes the
 * incident's state or severity (the newest wins), and the gap, if any, is shown rather than reverted.
 */
export function applyLabelEvent(draft: Draft, event: LabelEvent, _config: Config, names: LabelNames): void {
  const added = event.type === "labeled";
  const state = names.stateOf(event.label);
  if (state !== undefined) {
    if (added && state !== draft.state) {
      enterState(draft, state, event.at);
      draft.timeline.push({
        at: event.at,
        kind: "state",
        actor: event.actor,
        text: `set the state to ${state} by label`,
      });
    }
    return;
  }
  const severity = names.severityOf(event.label);
  if (severity !== undefined) {
    if (added && severity !== draft.severity) {
      draft.severity = severity;
      draft.severitySet = true;
      draft.timeline.push({
        at: event.at,
        kind: "severity",
        actor: event.actor,
        text: `set the severity to ${severityName(severity)} by label`,
      });
    }
    return;
  }
  if (event.label.toLowerCase() === names.revenue.toLowerCase()) {
    if (draft.revenue !== added) {
      delete draft.revenueAssumed;
      draft.revenue = added;
      draft.timeline.push({
        at: event.at,
        kind: "impact",
        actor: event.actor,
        text: added ? "marked revenue as affected" : "marked revenue as not affected",
      });
    }
    return;
  }
  if (event.label.toLowerCase() === names.incident.toLowerCase()) return;
  draft.timeline.push({
    at: event.at,
    kind: "label",
    actor: event.actor,
    text: `${added ? "added" : "removed"} label ${event.label}`,
  });
}
