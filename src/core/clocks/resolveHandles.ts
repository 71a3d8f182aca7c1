import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { onCallAt } from "../oncall/onCallAt.js";

/** Placeholders a ladder may name instead of fixed people, resolved when the notice goes out. */
export const ROLE_TOKENS = ["{oncall}", "{oncall-secondary}", "{lead}", "{comms}"] as const;

/**
 * Turns configured handles into people: fixed logins and teams stay, `{oncall}` and
 * `{oncall-secondary}` become whoever the roster says is on call at `at`, `{lead}` and `{comms}` the
 * incident's role holders. Placeholders nobody fills are dropped.
 */
export function resolveHandles(
  handles: readonly string[],
  incident: Incident,
  config: Config,
  at: number,
): string[] {
  const onCall = onCallAt(config.oncall, config.business_hours.timezone, at, config.business_hours.holidays);
  return handles.flatMap((handle) => {
    switch (handle) {
      case "{oncall}":
        return onCall.primary ? [onCall.primary] : [];
      case "{oncall-secondary}":
        return onCall.secondary ? [onCall.secondary] : [];
      case "{lead}":
        return incident.lead ? [incident.lead] : [];
      case "{comms}":
        return incident.comms ? [incident.comms] : [];
      default:
        return [handle];
    }
  });
}
