import type { Config, Ladder } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";
import type { Incident } from "../types.js";
import { escalationOrigin } from "./escalationOrigin.js";
import { earliest, incidentEnd } from "./incidentEnd.js";
import { matchLadder } from "./matchLadder.js";

export interface StepStatus {
  ladder: string;
  index: number;
  /** `${ladder}:${index}`: the marker key a posted notice carries for this step. */
  key: string;
  dueAt: number;
  notify: string[];
  note?: string;
  /** pending: not yet due; due: reached (posted or not); stopped: a workaround or the end came first. */
  state: "pending" | "due" | "stopped";
}

export interface EscalationPlan {
  ladder?: string;
  steps: StepStatus[];
}

/**
 * Where the incident stands on its escalation ladder at `now`. Steps count from the report, as the
 * playbook's "after 2 hrs from issue report" does, or from the start when configured (escalationOrigin). A step stops when the incident was over before it
 * came due, or, on a `no_workaround` ladder, when a workaround was in place by then.
 */
export function escalationPlan(incident: Incident, config: Config, now: number): EscalationPlan {
  const ladder = matchLadder(incident, config.escalation.ladders);
  if (!ladder) return { steps: [] };
  return {
    ladder: ladder.name,
    steps: ladderSteps(incident, ladder, escalationOrigin(incident, config), now),
  };
}

export function ladderSteps(incident: Incident, ladder: Ladder, origin: number, now: number): StepStatus[] {
  const stopAt = stopMoment(incident, ladder);
  return ladder.steps.map((step, index) => {
    const dueAt = origin + durationMs(step.after);
    const state = stopAt !== undefined && dueAt >= stopAt ? "stopped" : dueAt <= now ? "due" : "pending";
    return {
      ladder: ladder.name,
      index,
      key: `${ladder.name}:${index}`,
      dueAt,
      notify: [...step.notify],
      ...(step.note !== undefined ? { note: step.note } : {}),
      state,
    };
  });
}

// The first moment from which no further step should fire, if any.
function stopMoment(incident: Incident, ladder: Ladder): number | undefined {
  const end = incidentEnd(incident);
  // Over with no recorded moment: nothing more should fire, so stop from the very start.
  const endAt = end === undefined ? undefined : (end.at ?? Number.NEGATIVE_INFINITY);
  let workaroundAt: number | undefined;
  if (ladder.when.no_workaround) {
    workaroundAt = earliest([incident.mitigatedAt, incident.workaround?.at]);
    // Labelled mitigated with no recorded moment: the workaround is there, so nothing more is owed.
    if (workaroundAt === undefined && incident.state === "mitigated") workaroundAt = Number.NEGATIVE_INFINITY;
  }
  return earliest([endAt, workaroundAt]);
}
