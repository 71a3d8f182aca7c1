import { acknowledgeFrom } from "../clocks/waitsForOffice.js";
import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { acknowledgeDeadline } from "../clocks/acknowledgeDeadline.js";
import { stepsCoveredBy } from "../clocks/stepsCoveredBy.js";
import { resolveHandles } from "../clocks/resolveHandles.js";
import { renderPostmortem } from "./renderPostmortem.js";

/** The post-mortem draft for an incident: its record, the acknowledgement clock and the escalations sent. */
export function postmortemDocument(
  template: string,
  incident: Incident,
  config: Config,
  now: number,
  repoUrl: string,
): string {
  const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
  return renderPostmortem(template, incident, config, {
    now,
    repoUrl,
    ackDeadline: {
      dueAt: ack.dueAt,
      met: incident.acknowledgedAt !== undefined && incident.acknowledgedAt <= ack.dueAt,
    },
    escalations: stepsCoveredBy(incident, config).map((s) => ({
      key: s.key,
      at: s.postedAt,
      notify: resolveHandles(s.notify, incident, config, s.dueAt),
      ...(s.note !== undefined ? { note: s.note } : {}),
    })),
  });
}
