import type { Severity } from "../config/schema.js";

/** A severity as every text writes it: "SEV1", on the board, in notices, freeze checks and post-mortems. */
export function severityName(severity: Severity): string {
  return `SEV${severity}`;
}
