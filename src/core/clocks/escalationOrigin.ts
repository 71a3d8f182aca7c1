import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { waitsForOffice } from "./waitsForOffice.js";

/**
 * The moment escalation steps count from. The holiday-coverage playbook counts "from issue report", so by
 * default that is the declaration: a backdated start (`/started 2h ago`, the form's "When did it start?")
 * must not page the CTO the moment the incident is declared. `escalation.count_from: start` counts from
 * when the problem began instead, for teams that want it.
 */
export function escalationOrigin(incident: Incident, config: Config): number {
  const waited = waitsForOffice(incident, config);
  if (waited !== undefined) return waited;
  return config.escalation.count_from === "start" ? incident.startedAt : incident.declaredAt;
}

/** "from the report" or "from the start": how the notices and the board name the origin. */
export function originWords(config: Config): string {
  return config.escalation.count_from === "start" ? "from when the problem began" : "from the report";
}
