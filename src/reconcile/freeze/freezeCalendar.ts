import type { Config } from "../../core/config/schema.js";
import type { GitHubContext } from "../../github/types.js";
import { trackingIssue } from "../trackingIssue.js";

/**
 * The "Code freeze calendar" issue: where scheduled freezes are announced ahead of time (with
 * `announce_on: issue`) and where the messages sent when a window or closure starts and ends are recorded.
 */
export function freezeCalendar(
  gh: GitHubContext,
  config: Config,
): Promise<{ number: number; url: string; created: boolean }> {
  return trackingIssue(gh, config, {
    label: config.labels.freeze,
    kind: "freeze-calendar",
    title: "Code freeze calendar",
    text:
      "Scheduled code freezes (windows, weekly freezes, office closures) are announced here ahead of time, and " +
      "the messages sent beyond GitHub when each one starts and ends are recorded here. This issue is not " +
      "itself a freeze: closing it lifts nothing.",
  });
}
