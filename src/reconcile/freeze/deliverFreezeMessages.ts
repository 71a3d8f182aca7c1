import type { Settings } from "../../core/config/settings.js";
import { toIssueSnapshot } from "../../github/readIssue.js";
import { manualFreezeOccasions, scheduledFreezeOccasions } from "../../core/channels/freezeOccasions.js";
import { freezesHeard } from "../../core/channels/heard.js";
import { FRESH_FOR_MS } from "../../core/channels/planMessages.js";
import { listIssues } from "../../github/issues.js";
import { listComments } from "../../github/listComments.js";
import type { GitHubContext } from "../../github/types.js";
import { deliverNews } from "../deliverNews.js";
import { inLane } from "../inLane.js";
import { freezeCalendar } from "./freezeCalendar.js";
import type { FreezeInputs } from "./freezeInputs.js";
import { isFreezeIssue, toFreezeIssue } from "./freezeInputs.js";

/**
 * Tells the channels that hear freezes (the deployments channel) when a manual freeze or a scheduled one
 * starts or ends. Each message is recorded where that freeze is kept: a `/freeze` on its own freeze issue,
 * a window or closure on the "Code freeze calendar" issue (an incident's freezes are recorded on the
 * incident, by its own reconcile). Runs when freezes may have changed (a `/freeze`, `/unfreeze`, a freeze
 * issue closed) and on sweeps at a boundary or the periodic pass, which also retries failed sends. Nothing is
 * read when no channel hears freezes. Returns the writes made.
 */
export async function deliverFreezeMessages(
  gh: GitHubContext,
  settings: Settings,
  inputs: FreezeInputs,
  now: number,
  scope: { calendar: boolean },
): Promise<number> {
  const { config, templates } = settings;
  if (!gh.outbox || !freezesHeard(config)) return 0;
  const from = now - FRESH_FOR_MS;
  let writes = 0;
  // Open freeze issues are known; those closed lately (ended by a person or `/unfreeze`) are listed.
  const closed = (
    await listIssues(gh, { labels: config.labels.freeze, state: "closed", since: from })
  ).filter((issue) => isFreezeIssue(toIssueSnapshot(issue), gh.trustedBots));
  const heldLabel = config.labels.freeze_held.toLowerCase();
  const labelled = new Set(
    closed
      .filter((i) =>
        i.labels.some((l) => (typeof l === "string" ? l : (l.name ?? "")).toLowerCase() === heldLabel),
      )
      .map((i) => i.number),
  );
  const issues = [
    ...inputs.freezeIssues,
    ...closed.map((issue) => toFreezeIssue(issue, gh.trustedBots)).filter((f) => f.closedAt !== undefined),
  ];
  for (const issue of issues) {
    // A hold record goes on with its origin's freeze: it is told as that freeze, not as one of its own.
    if (issue.heldFor !== undefined) continue;
    const records = issues.filter((r) => r.heldFor === issue.number);
    const occasions = manualFreezeOccasions(issue, config, inputs.defaultBranch, now, {
      labelled: labelled.has(issue.number),
      records,
    }).filter((o) => o.at >= from);
    if (occasions.length === 0) continue;
    writes += await inLane(gh, issue.number, async () =>
      deliverNews(gh, config, templates, issue, await listComments(gh, issue.number), occasions, now),
    );
  }
  if (scope.calendar) {
    const occasions = scheduledFreezeOccasions(config, inputs.defaultBranch, from, now);
    if (occasions.length > 0) {
      const calendar = await freezeCalendar(gh, config);
      if (calendar.created) writes++;
      writes += await inLane(gh, calendar.number, async () =>
        deliverNews(gh, config, templates, calendar, await listComments(gh, calendar.number), occasions, now),
      );
    }
  }
  return writes;
}
