import type { ParseContext } from "../../../src/core/commands/types.js";

// Sunday 2026-11-22, 10:00 in New York (15:00 UTC).
export const AT = Date.UTC(2026, 10, 22, 15, 0);
export const ZONE = "America/New_York";
export const CTX: ParseContext = {
  at: AT,
  timeZone: ZONE,
  roles: ["investigator", "fixer", "product-owner"],
};
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
