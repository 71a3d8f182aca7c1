import type { Incident } from "./types.js";

/** An incident with nothing recorded yet: the start of a projection, or a stand-in built from labels. */
export function emptyIncident(
  fields: Pick<Incident, "number" | "title" | "url" | "declaredAt"> & Partial<Incident>,
): Incident {
  return {
    open: true,
    state: "declared",
    severity: 3,
    severitySet: false,
    revenue: false,
    startedAt: fields.declaredAt,
    roles: {},
    updates: [],
    notes: [],
    deviations: [],
    form: {},
    pullRequests: [],
    freezeExceptions: [],
    followups: [],
    notices: [],
    deliveries: [],
    gaps: [],
    timeline: [],
    ...fields,
  };
}
