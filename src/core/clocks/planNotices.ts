import { acknowledgeFrom } from "./waitsForOffice.js";
import type { Config } from "../config/schema.js";
import { onCallAt } from "../oncall/onCallAt.js";
import type { Incident } from "../types.js";
import { acknowledgeDeadline } from "./acknowledgeDeadline.js";
import { isAcknowledged } from "./acknowledgedAt.js";
import { coveringNotice } from "./coveringNotice.js";
import { escalationPlan, type StepStatus } from "./escalationPlan.js";
import { incidentEnd } from "./incidentEnd.js";
import { nextUpdateDue } from "./nextUpdateDue.js";
import { reminderKey } from "./reminderKey.js";
import { toMentions } from "./toMentions.js";
import { resolveHandles } from "./resolveHandles.js";

export interface PlannedNotice {
  kind: "ack-breach" | "escalation" | "reminder";
  /** ack-breach: ["ack"]; escalation: the step keys; reminder: [ISO of the due time]. */
  keys: string[];
  /** The earliest due time the notice covers. */
  dueAt: number;
  /** Handles to @mention, "@"-prefixed, each once. */
  mentions: string[];
  /** Escalation only: the steps the notice announces. */
  steps?: StepStatus[];
}

export const ACK_KEY = "ack";

/**
 * The notices the bot owes at `now` and has not yet posted. Each is derived from the incident and the clock
 * alone, so a sweep that runs twice, or late, plans the same thing: late steps are gathered into a single
 * escalation notice instead of a burst, and anything a valid posted notice covers is never planned again.
 * An incident that is over gets no notices at all.
 */
export function planNotices(incident: Incident, config: Config, now: number): PlannedNotice[] {
  if (incidentEnd(incident)) return [];
  const zone = config.business_hours.timezone;
  const notices: PlannedNotice[] = [];

  const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
  if (
    now >= ack.dueAt &&
    !isAcknowledged(incident) &&
    !coveringNotice(incident.notices, "ack-breach", ACK_KEY, ack.dueAt)
  ) {
    const onCall = onCallAt(
      config.oncall,
      zone,
      acknowledgeFrom(incident, config),
      config.business_hours.holidays,
    );
    notices.push({
      kind: "ack-breach",
      keys: [ACK_KEY],
      dueAt: ack.dueAt,
      mentions: toMentions([onCall.primary, ...config.acknowledge.notify]),
    });
  }

  const owed = escalationPlan(incident, config, now).steps.filter(
    (step) => step.state === "due" && !coveringNotice(incident.notices, "escalation", step.key, step.dueAt),
  );
  if (owed.length > 0) {
    notices.push({
      kind: "escalation",
      keys: owed.map((step) => step.key),
      dueAt: Math.min(...owed.map((step) => step.dueAt)),
      mentions: toMentions(owed.flatMap((step) => resolveHandles(step.notify, incident, config, now))),
      steps: owed,
    });
  }

  const update = nextUpdateDue(incident, config);
  if (update && now >= update.dueAt) {
    const key = reminderKey(update.dueAt);
    if (!coveringNotice(incident.notices, "reminder", key, update.dueAt)) {
      const who =
        incident.comms ??
        incident.lead ??
        onCallAt(config.oncall, zone, now, config.business_hours.holidays).primary;
      notices.push({ kind: "reminder", keys: [key], dueAt: update.dueAt, mentions: toMentions([who]) });
    }
  }

  return notices;
}
