import type { Permission } from "../core/snapshot.js";
import type { Settings } from "../core/config/settings.js";
import type { GitHubContext } from "../github/types.js";
import { tellIncidentPlan } from "./tellIncidentPlan.js";
import { reconcileIncident } from "./reconcileIncident.js";
import { toIssueSnapshot } from "../github/readIssue.js";
import type { IssueLike } from "../github/readIssue.js";
import { ensureRepoLabels, incidentLabelNames } from "../github/ensureRepoLabels.js";
import { inLane } from "./inLane.js";
import { listIssues } from "../github/issues.js";

const DAY_MS = 24 * 3_600_000;
const RECENTLY_CLOSED_MS = 3 * DAY_MS;

export interface SweepOutcome {
  incidents: number;
  writes: number;
  failures: Array<{ target: string; error: string }>;
  /** The open incidents as listed at the start of the sweep (the freeze inputs reuse the listing). */
  open: IssueLike[];
  /** Some incident started or stopped freezing merges during the sweep: the listing is out of date. */
  freezeChanged: boolean;
}

/**
 * The scheduled reconcile of one repository: every open incident (clocks fire here, and anything a lost
 * webhook left behind is repaired). One failing incident does not stop the others.
 */
export async function sweepRepository(
  gh: GitHubContext,
  settings: Settings,
  now: number,
  { full = false }: { full?: boolean } = {},
): Promise<SweepOutcome> {
  const { config } = settings;
  const permissions = new Map<string, Permission>();
  const open: IssueLike[] = await listIssues(gh, { labels: config.labels.incident, state: "open" });
  // On the periodic full pass, incidents closed in the last days too: a lost event (a post-mortem or fix
  // merged) must still reach their board and follow-ups.
  const closed: IssueLike[] = full
    ? await listIssues(gh, {
        labels: config.labels.incident,
        state: "closed",
        // Rounded down to the day, so the URL stays the same all day and GitHub can answer 304.
        since: Math.floor((now - RECENTLY_CLOSED_MS) / DAY_MS) * DAY_MS,
      })
    : [];
  // Each reconcile makes the labels it is about to write, when a repository first needs them. The Action,
  // which skips that to save a listing per run, gives its implicitly created labels their colours on the
  // periodic full pass.
  if (full && gh.ensureLabels === false && (open.length > 0 || closed.length > 0))
    await ensureRepoLabels(gh, config, incidentLabelNames(config), { force: true });
  const outcome: SweepOutcome = { incidents: 0, writes: 0, failures: [], open, freezeChanged: false };
  for (const issue of [...open, ...closed]) {
    if (issue.pull_request) continue;
    if (issue.state === "open") outcome.incidents++;
    try {
      // In the incident's lane, like a webhook's reconcile of it: never two at once (duplicate notices).
      const result = await inLane(gh, issue.number, () =>
        reconcileIncident(gh, settings, issue.number, { now, permissions, hint: toIssueSnapshot(issue) }),
      );
      tellIncidentPlan(gh, result);
      outcome.writes += result.writes;
      if (result.freezeRelevant) outcome.freezeChanged = true;
    } catch (error) {
      gh.log.error(
        { err: error, issue: issue.number },
        "reconcile failed during sweep; the next sweep retries",
      );
      outcome.failures.push({ target: `#${issue.number}`, error: (error as Error).message });
    }
  }
  return outcome;
}
