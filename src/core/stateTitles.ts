import type { IncidentState } from "./types.js";

/** How each state reads to people, on the board and in the post-mortem. */
export const STATE_TITLES: Record<IncidentState, string> = {
  declared: "Declared",
  acknowledged: "Acknowledged",
  mitigated: "Mitigated (workaround in place)",
  resolved: "Resolved",
  postmortem: "Resolved, post-mortem in review",
  cancelled: "Cancelled (false alarm)",
};
