import { acknowledgeFrom } from "./waitsForOffice.js";
import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { acknowledgeDeadline, type AcknowledgeDeadline } from "./acknowledgeDeadline.js";
import { acknowledgedAt, isAcknowledged } from "./acknowledgedAt.js";
import { escalationPlan, type StepStatus } from "./escalationPlan.js";
import { nextUpdateDue, type UpdateDue } from "./nextUpdateDue.js";
import { stepsCoveredBy, type CoveredStep } from "./stepsCoveredBy.js";

export interface AcknowledgeSummary extends AcknowledgeDeadline {
  /** due: not yet acknowledged, deadline ahead; met: acknowledged in time; breached: late or still missing. */
  status: "due" | "met" | "breached";
  acknowledgedAt?: number;
}

export interface EscalationSummary {
  ladder?: string;
  steps: StepStatus[];
  /** The next step still to come, if the ladder has one left. */
  next?: StepStatus;
  /** Steps already carried out by a posted notice, from any ladder. */
  escalated: CoveredStep[];
}

export interface UpdateSummary extends UpdateDue {
  overdue: boolean;
}

export interface ClockSummary {
  acknowledge: AcknowledgeSummary;
  escalation: EscalationSummary;
  /** Absent once the incident is over. */
  update?: UpdateSummary;
}

/** Everything the status board shows about the incident's clocks at `now`. */
export function clockSummary(incident: Incident, config: Config, now: number): ClockSummary {
  const deadline = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
  const ackAt = acknowledgedAt(incident);
  const status =
    ackAt !== undefined
      ? ackAt <= deadline.dueAt
        ? "met"
        : "breached"
      : isAcknowledged(incident)
        ? "met"
        : now >= deadline.dueAt
          ? "breached"
          : "due";

  const plan = escalationPlan(incident, config, now);
  const next = plan.steps.find((step) => step.state === "pending");
  const update = nextUpdateDue(incident, config);

  return {
    acknowledge: { ...deadline, status, ...(ackAt !== undefined ? { acknowledgedAt: ackAt } : {}) },
    escalation: {
      ...(plan.ladder !== undefined ? { ladder: plan.ladder } : {}),
      steps: plan.steps,
      ...(next ? { next } : {}),
      escalated: stepsCoveredBy(incident, config),
    },
    ...(update ? { update: { ...update, overdue: now >= update.dueAt } } : {}),
  };
}
