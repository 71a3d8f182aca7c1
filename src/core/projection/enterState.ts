import type { IncidentState } from "../types.js";
import type { Draft } from "./draft.js";

/**
 * Moves the incident to a state and stamps the clocks that state implies, keeping the first stamp: a
 * mitigation implies someone acknowledged, a resolution implies the incident was handled.
 */
export function enterState(draft: Draft, state: IncidentState, at: number): void {
  draft.state = state;
  if (state !== "declared" && state !== "cancelled") draft.acknowledgedAt ??= at;
  if (state === "mitigated") draft.mitigatedAt ??= at;
  if (state === "resolved" || state === "postmortem") draft.resolvedAt ??= at;
  if (state === "postmortem") draft.postmortemAt ??= at;
  if (state === "cancelled") draft.cancelledAt ??= at;
  if (state !== "cancelled") draft.cancelledAt = undefined;
}
