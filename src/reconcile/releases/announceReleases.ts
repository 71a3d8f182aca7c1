import type { Config } from "../../core/config/schema.js";
import { markerIdentity, parseMarker, renderMarker } from "../../core/markers.js";
import { planAnnouncements } from "../../core/releases/planAnnouncements.js";
import type { Templates } from "../../core/render/templates.js";
import { createCommentOnceAmongRacers } from "../../github/createCommentOnceAmongRacers.js";
import { createIssueOnce, markedIssues } from "../../github/issues.js";
import type { GitHubContext } from "../../github/types.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";
import { listComments } from "../../github/listComments.js";
import { readMilestones, readReleases } from "../../github/releases.js";
import { freezeInputs } from "../freeze/freezeInputs.js";
import type { FreezeInputs } from "../freeze/freezeInputs.js";

const TRACKER = "release-tracker";

/**
 * Release announcements (playbook 004): a release drafted, a milestone coming due, a release published,
 * each announced once on the tracking issue, whichever event, sweep or replica gets there first. Off
 * unless `releases.announce` is set; a repository with nothing to announce is not written to.
 */
export async function announceReleases(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  now: number,
  known?: FreezeInputs,
): Promise<number> {
  if (!config.releases.announce) return 0;
  const [releases, milestones] = await Promise.all([readReleases(gh), readMilestones(gh)]);
  const inputs = known ?? (await freezeInputs(gh, config));
  const planned = planAnnouncements({
    now,
    config,
    template: templates["release-announcement"],
    defaultBranch: inputs.defaultBranch,
    releases,
    milestones,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
  });
  if (planned.length === 0) return 0;

  let writes = 0;
  const trackers = await markedIssues(gh, config.labels.releases, "open");
  let tracker = trackers.filter((i) => i.identity === TRACKER).sort((a, b) => a.number - b.number)[0]?.number;
  if (tracker === undefined) {
    await ensureRepoLabels(gh, config, [config.labels.releases]);
    tracker = (
      await createIssueOnce(gh, {
        title: config.releases.tracking_issue_title,
        body: `${renderMarker(TRACKER)}\nUpcoming and published releases are announced here, one comment per step (drafted, milestone due, published). Subscribe to this issue to hear about them.`,
        labels: [config.labels.releases],
        find: async () =>
          (await markedIssues(gh, config.labels.releases, "open")).find((i) => i.identity === TRACKER),
      })
    ).number;
    writes++;
  }
  const posted = await postedIdentities(gh, tracker);
  for (const announcement of planned) {
    if (posted.has(announcement.identity)) continue;
    if (await createCommentOnceAmongRacers(gh, tracker, announcement.identity, announcement.body)) writes++;
  }
  return writes;
}

async function postedIdentities(gh: GitHubContext, number: number): Promise<Set<string>> {
  const found = new Set<string>();
  for (const c of await listComments(gh, number)) {
    if (!gh.trustedBots.has(c.author.toLowerCase())) continue;
    const marker = parseMarker(c.body);
    if (marker?.kind === "release-announce") found.add(markerIdentity(marker));
  }
  return found;
}
