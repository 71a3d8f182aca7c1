import type { Config } from "../config/schema.js";
import type { TimelineEvent } from "../snapshot.js";
import type { FreezeStep } from "./freezeHold.js";

/**
 * The changes that decide a manual freeze issue's freeze, from its timeline: it freezes while it is open
 * and carries the freeze label (Expedite opens it that way). Closing it, taking the label off and taking
 * the hold label off are judged by who did them; Expedite's own close after `/unfreeze` counts as it is.
 */
export function freezeIssueSteps(
  events: readonly TimelineEvent[],
  config: Config,
  isBot: (login: string) => boolean,
): FreezeStep[] {
  const freezeLabel = config.labels.freeze.toLowerCase();
  const heldLabel = config.labels.freeze_held.toLowerCase();
  const steps: FreezeStep[] = [];
  let open = true;
  let labeled = true;
  const sorted = [...events].sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const event of sorted) {
    const base = { at: event.at, actor: event.actor, byHand: !isBot(event.actor) };
    if (event.type === "closed" || event.type === "reopened") {
      open = event.type === "reopened";
      steps.push({ ...base, change: `${event.type} the issue`, freezingAfter: open && labeled });
    } else if (event.type === "labeled" || event.type === "unlabeled") {
      const name = event.label.toLowerCase();
      const verb = event.type === "labeled" ? "added" : "removed";
      if (name === heldLabel && event.type === "unlabeled") {
        steps.push({
          ...base,
          change: `removed the ${event.label} label`,
          freezingAfter: false,
          releasesHold: true,
        });
      } else if (name === freezeLabel) {
        labeled = event.type === "labeled";
        steps.push({ ...base, change: `${verb} the ${event.label} label`, freezingAfter: open && labeled });
      }
    }
  }
  return steps;
}
