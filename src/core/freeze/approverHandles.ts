import type { Config } from "../config/schema.js";
import { onCallAt } from "../oncall/onCallAt.js";

/** Who may let a change through a freeze: the on-call engineers of the moment and `freeze.approvers`. */
export function approverHandles(config: Config, now: number): string[] {
  const onCall = onCallAt(config.oncall, config.business_hours.timezone, now, config.business_hours.holidays);
  const handles = [onCall.primary, onCall.secondary, ...config.freeze.approvers].filter(
    (h): h is string => h !== undefined,
  );
  return [...new Set(handles.map((h) => (h.startsWith("@") ? h : `@${h}`)))];
}
