import type { Config } from "../config/schema.js";
import { deployBranch } from "../deploys/deployBranch.js";
import { activeFreezes } from "../freeze/activeFreezes.js";
import { endText } from "../freeze/freezeText.js";
import type { FreezeIssue } from "../freeze/types.js";
import { markerIdentity, renderMarker } from "../markers.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { neutralizeInline } from "../text/neutralize.js";
import { formatTime } from "../time/formatTime.js";
import { durationMs } from "../time/parseDuration.js";
import type { Incident } from "../types.js";

export interface ReleaseFacts {
  id: number;
  tag: string;
  name: string;
  url: string;
  body: string;
  draft: boolean;
  target: string;
  createdAt: number;
  publishedAt?: number;
}

export interface MilestoneFacts {
  number: number;
  title: string;
  url: string;
  dueOn?: number;
  openIssues: number;
  closedIssues: number;
}

export interface Announcement {
  /** The marker identity: one announcement per release step, whoever posts it and however often. */
  identity: string;
  body: string;
}

// Steps older than this when Expedite first sees them are history, not news (turning announcements on
// must not replay a repository's past releases).
const RECENT_MS = 2 * 86_400_000;
const DRAFT_RECENT_MS = 30 * 86_400_000;

/**
 * The announcements due now: each draft release, each release published recently, and each open
 * milestone whose due date is within `releases.milestone_notice`. A step that falls in a code freeze on
 * its branch says so. Pure: the caller posts those not posted yet.
 */
export function planAnnouncements(input: {
  now: number;
  config: Config;
  template: string;
  defaultBranch: string;
  releases: ReleaseFacts[];
  milestones: MilestoneFacts[];
  freezeIssues: FreezeIssue[];
  incidents: Incident[];
}): Announcement[] {
  const { now, config } = input;
  const zone = config.business_hours.timezone;
  const frozen = (branch: string, at: number) => {
    const freezes = activeFreezes({
      now: at,
      config,
      defaultBranch: input.defaultBranch,
      base: branch,
      freezeIssues: input.freezeIssues,
      incidents: input.incidents,
    });
    return freezes.length === 0
      ? {}
      : {
          frozen: true,
          freezes: freezes
            .map((f) => `${neutralizeInline(f.name, 100)} (until ${endText(f, zone, at)})`)
            .join("; "),
        };
  };
  const excerpt = (text: string) => {
    const first = text.trim().split(/\r?\n/)[0] ?? "";
    return first === "" ? {} : { excerpt: neutralizeInline(first, 300) };
  };
  const out: Announcement[] = [];
  const post = (kind: string, key: string, view: Record<string, unknown>) => {
    const data = { step: kind, key };
    out.push({
      identity: markerIdentity({ kind: "release-announce", data }),
      body: `${renderMarker("release-announce", data)}\n${renderTemplate(input.template, view).trim()}\n`,
    });
  };

  for (const release of input.releases) {
    const branch = deployBranch(release.target, input.defaultBranch);
    const common = {
      name: neutralizeInline(release.name || release.tag, 120),
      tag: neutralizeInline(release.tag, 80),
      url: release.url,
      branch: neutralizeInline(branch, 100),
      ...excerpt(release.body),
    };
    if (release.draft) {
      if (now - release.createdAt <= DRAFT_RECENT_MS)
        post("drafted", String(release.id), { drafted: true, ...common, ...frozen(branch, now) });
    } else if (release.publishedAt !== undefined && now - release.publishedAt <= RECENT_MS) {
      post("published", String(release.id), {
        published: true,
        ...common,
        when: formatTime(release.publishedAt, zone),
        ...frozen(branch, release.publishedAt),
      });
    }
  }
  const notice = durationMs(config.releases.milestone_notice);
  for (const milestone of input.milestones) {
    if (milestone.dueOn === undefined || milestone.dueOn <= now || milestone.dueOn - now > notice) continue;
    post("milestone", `${milestone.number}@${milestone.dueOn}`, {
      milestone: true,
      name: neutralizeInline(milestone.title, 120),
      url: milestone.url,
      due: formatTime(milestone.dueOn, zone),
      openIssues: milestone.openIssues,
      closedIssues: milestone.closedIssues,
      branch: neutralizeInline(input.defaultBranch, 100),
      ...frozen(input.defaultBranch, milestone.dueOn),
    });
  }
  return out;
}
