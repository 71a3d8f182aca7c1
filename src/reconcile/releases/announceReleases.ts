import type { Settings } from "../../core/config/settings.js";
import { markerIdentity, parseMarker } from "../../core/markers.js";
import { planAnnouncements } from "../../core/releases/planAnnouncements.js";
import { createCommentOnceAmongRacers } from "../../github/createCommentOnceAmongRacers.js";
import { releasesHeard } from "../../core/channels/heard.js";
import { deliverNews } from "../deliverNews.js";
import { trackingIssue } from "../trackingIssue.js";
import { inLane } from "../inLane.js";
import type { GitHubContext } from "../../github/types.js";
import { listComments } from "../../github/listComments.js";
import { readMilestones, readReleases } from "../../github/releases.js";
import { freezeInputs } from "../freeze/freezeInputs.js";
import type { FreezeInputs } from "../freeze/freezeInputs.js";

const TRACKER = "release-tracker";

/**
 * Release announcements (playbook 004): a release drafted, a milestone coming due, a release published,
 * each announced once, whichever event, sweep or replica gets there first: to the channels that hear
 * releases (`releases.channels`, or a channel's `events`), recorded on the tracking issue, or, with no such
 * channel, as a comment on the tracking issue. Off unless `releases.announce` is set; a repository with
 * nothing to announce is not written to.
 */
export async function announceReleases(
  gh: GitHubContext,
  settings: Settings,
  now: number,
  known?: FreezeInputs,
): Promise<number> {
  const { config, templates } = settings;
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
  const tracker = await trackingIssue(gh, config, {
    label: config.labels.releases,
    kind: TRACKER,
    title: config.releases.tracking_issue_title,
    text: "Upcoming and published releases are announced here, one comment per step (drafted, milestone due, published), or, when channels carry the announcements, each one sent is recorded here. Subscribe to this issue to hear about them.",
  });
  if (tracker.created) writes++;
  // Channels that hear releases get them instead of a comment, once each, recorded on the tracking issue.
  if (releasesHeard(config)) {
    if (!gh.outbox) return writes;
    const occasions = planned.map((a) => a.occasion);
    const sent = await inLane(gh, tracker.number, async () =>
      deliverNews(gh, config, templates, tracker, await listComments(gh, tracker.number), occasions, now),
    );
    return writes + sent;
  }
  const posted = await postedIdentities(gh, tracker.number);
  for (const announcement of planned) {
    if (posted.has(announcement.identity)) continue;
    if (await createCommentOnceAmongRacers(gh, tracker.number, announcement.identity, announcement.body))
      writes++;
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
