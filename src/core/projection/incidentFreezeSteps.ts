import type { Config } from "../config/schema.js";
import { freezesMerges } from "../freeze/activeFreezes.js";
import type { FreezeStep } from "../freeze/freezeHold.js";
import type { TimelineEvent } from "../snapshot.js";
import type { Incident } from "../types.js";
import type { LabelNames } from "./labelNames.js";

/**
 * Records, while the projection folds an incident's timeline, every change to what decides its freeze
 * (its state, severity, incident label and open state), with the freeze as it stands after the change.
 * The projection applies each event between `before` and `after`.
 */
export interface IncidentFreezeSteps {
  steps: FreezeStep[];
  before(draft: Incident, event: TimelineEvent): void;
  /** `decided`: the event carried an applied command that decides the freeze (`/sev`, `/resolve`, `/cancel`). */
  after(draft: Incident, event: TimelineEvent, decided?: boolean): void;
}

/** The commands whose effect is to set what the freeze is read from. */
export const FREEZE_DECIDING_VERBS: ReadonlySet<string> = new Set(["sev", "resolve", "cancel"]);

export function incidentFreezeSteps(
  config: Config,
  names: LabelNames,
  isBot: (login: string) => boolean,
  labeledAtStart: boolean,
): IncidentFreezeSteps {
  const steps: FreezeStep[] = [];
  const incidentLabel = names.incident.toLowerCase();
  const heldLabel = config.labels.freeze_held.toLowerCase();
  let open = true;
  let labeled = labeledAtStart;
  let was = { freezing: false, fields: "" };
  const fields = (draft: Incident) => `${open}/${labeled}/${draft.state}/${draft.severity}`;
  const freezing = (draft: Incident) =>
    labeled &&
    freezesMerges({ open, state: draft.state, severity: draft.severity, freezeHeld: false }, config);

  return {
    steps,
    before(draft, event) {
      was = { freezing: freezing(draft), fields: fields(draft) };
      if (event.type === "closed") open = false;
      if (event.type === "reopened") open = true;
      // The incident label is what the freeze checks list incidents by; it counts whoever moves it.
      if (
        (event.type === "labeled" || event.type === "unlabeled") &&
        event.label.toLowerCase() === incidentLabel
      )
        labeled = event.type === "labeled";
    },
    after(draft, event, decided = false) {
      const now = freezing(draft);
      const moved = now !== was.freezing || fields(draft) !== was.fields;
      const base = { at: event.at, actor: event.actor, freezingAfter: now };
      switch (event.type) {
        case "labeled":
        case "unlabeled": {
          const hand = !isBot(event.actor);
          if (event.type === "unlabeled" && event.label.toLowerCase() === heldLabel) {
            steps.push({
              ...base,
              change: `removed the ${event.label} label`,
              byHand: hand,
              releasesHold: true,
            });
            return;
          }
          if (!moved) return;
          const verb = event.type === "labeled" ? "added" : "removed";
          steps.push({ ...base, change: labelChange(event.label, verb, names), byHand: hand });
          return;
        }
        case "closed":
        case "reopened":
          steps.push({ ...base, change: `${event.type} the issue`, byHand: !isBot(event.actor) });
          return;
        case "commented":
          // A command only changes the incident when it was judged allowed: it counts as it is, and one that
          // says what the labels already say (`/sev 4` after a held relabel) confirms that lift.
          if (moved || decided) steps.push({ ...base, change: "ran a command", byHand: false });
          return;
        default:
          return;
      }
    },
  };
}

function labelChange(label: string, verb: "added" | "removed", names: LabelNames): string {
  const severity = names.severityOf(label);
  if (severity !== undefined && verb === "added") return `set severity ${severity} by label`;
  const state = names.stateOf(label);
  if (state !== undefined && verb === "added") return `set the state to ${state} by label`;
  return `${verb} the ${label} label`;
}
