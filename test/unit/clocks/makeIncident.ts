import { emptyIncident } from "../../../src/core/emptyIncident.js";
import type { Incident } from "../../../src/core/types.js";

// A declared, unacknowledged sev-3 incident with no history; tests override what they exercise.
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  const declaredAt = overrides.declaredAt ?? Date.parse("2026-06-05T14:00:00Z");
  return emptyIncident({
    number: 42,
    title: "Checkout returns 500",
    url: "https://github.com/acme/shop/issues/42",
    declaredAt,
    severitySet: true,
    ...overrides,
  });
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
