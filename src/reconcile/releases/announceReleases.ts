import type { Config } from "../../core/config/schema.js";
import { markerIdentity, parseMarker, renderMarker } from "../../core/markers.js";
import { planAnnouncements } from "../../core/releases/planAnnouncements.js";
import type { MilestoneFacts, ReleaseFacts } from "../../core/releases/planAnnouncements.js";
import type { Templates } from "../../core/render/templates.js";
import { createCommentOnceAmongRacers } from "../../github/createCommentOnceAmongRacers.js";
import { createIssueOnce, markedIssues } from "../../github/issues.js";
import type { GitHubContext } from "../../github/types.js";
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
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100,
  });
  const found = new Set<string>();
  for (const c of comments) {
    if (!gh.trustedBots.has((c.user?.login ?? "").toLowerCase())) continue;
    const marker = parseMarker(c.body ?? "");
    if (marker?.kind === "release-announce") found.add(markerIdentity(marker));
  }
  return found;
}

// The newest releases are the only ones that can be news: one page is enough.
async function readReleases(gh: GitHubContext): Promise<ReleaseFacts[]> {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/releases", {
    owner: gh.owner,
    repo: gh.repo,
    per_page: 30,
  });
  return data.map((r) => ({
    id: r.id,
    tag: r.tag_name,
    name: r.name ?? r.tag_name,
    url: r.html_url,
    body: r.body ?? "",
    draft: r.draft,
    target: r.target_commitish,
    createdAt: Date.parse(r.created_at),
    ...(r.published_at ? { publishedAt: Date.parse(r.published_at) } : {}),
  }));
}

async function readMilestones(gh: GitHubContext): Promise<MilestoneFacts[]> {
  const milestones = await gh.octokit.paginate("GET /repos/{owner}/{repo}/milestones", {
    owner: gh.owner,
    repo: gh.repo,
    state: "open",
    per_page: 100,
  });
  return milestones.map((m) => ({
    number: m.number,
    title: m.title,
    url: m.html_url,
    ...(m.due_on ? { dueOn: Date.parse(m.due_on) } : {}),
    openIssues: m.open_issues,
    closedIssues: m.closed_issues,
  }));
}
