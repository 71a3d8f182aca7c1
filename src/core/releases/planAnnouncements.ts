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
import type { Occasion } from "../channels/occasions.js";
import type { ReleaseSubject } from "../channels/types.js";

// Each step's event, for channels that choose which steps they hear.
const EVENTS = {
  drafted: "release-drafted",
  milestone: "milestone-due",
  published: "release-published",
} as const;

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
  /** The tracking-issue comment (without channels). */
  body: string;
  /** The same step as a message for channels: its identity, event, time and what it says. */
  occasion: Occasion;
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
  // The freezes a step falls in, in words (raw: each use escapes it its own way).
  const freezesAt = (branch: string, at: number): string | undefined => {
    const freezes = activeFreezes({
      now: at,
      config,
      defaultBranch: input.defaultBranch,
      base: branch,
      freezeIssues: input.freezeIssues,
      incidents: input.incidents,
    });
    return freezes.length === 0
      ? undefined
      : freezes.map((f) => `${f.name} (until ${endText(f, zone, at)})`).join("; ");
  };
  const frozen = (freezes: string | undefined) =>
    freezes === undefined ? {} : { frozen: true, freezes: neutralizeInline(freezes, 400) };
  const excerpt = (text: string) => {
    const first = firstLine(text);
    return first === "" ? {} : { excerpt: neutralizeInline(first, 300) };
  };
  const out: Announcement[] = [];
  const post = (
    kind: ReleaseSubject["step"],
    key: string,
    view: Record<string, unknown>,
    release: Omit<ReleaseSubject, "step" | "markdown">,
  ) => {
    // The recency rules above decide what is news, so the step is planned as of now (never too old to send).
    const data = { step: kind, key };
    const markdown = `${renderTemplate(input.template, view).trim()}\n`;
    out.push({
      identity: markerIdentity({ kind: "release-announce", data }),
      body: `${renderMarker("release-announce", data)}\n${markdown}`,
      occasion: {
        message: `${EVENTS[kind]}:${key}`,
        event: EVENTS[kind],
        at: now,
        channels: config.releases.channels,
        subject: { type: "release", release: { ...release, step: kind, markdown } },
      },
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
    const facts = {
      name: release.name || release.tag,
      ...(release.tag ? { tag: release.tag } : {}),
      url: release.url,
      branch,
    };
    if (release.draft) {
      const freezes = freezesAt(branch, now);
      if (now - release.createdAt <= DRAFT_RECENT_MS)
        post(
          "drafted",
          String(release.id),
          { drafted: true, ...common, ...frozen(freezes) },
          {
            ...facts,
            detail: `A release is being prepared from ${branch}. ${firstLine(release.body)}`.trim(),
            ...(freezes ? { freezes } : {}),
          },
        );
    } else if (release.publishedAt !== undefined && now - release.publishedAt <= RECENT_MS) {
      const freezes = freezesAt(branch, release.publishedAt);
      const when = formatTime(release.publishedAt, zone);
      post(
        "published",
        String(release.id),
        { published: true, ...common, when, ...frozen(freezes) },
        {
          ...facts,
          detail: `Published ${when}. ${firstLine(release.body)}`.trim(),
          ...(freezes ? { freezes } : {}),
        },
      );
    }
  }
  const notice = durationMs(config.releases.milestone_notice);
  for (const milestone of input.milestones) {
    if (milestone.dueOn === undefined || milestone.dueOn <= now || milestone.dueOn - now > notice) continue;
    const freezes = freezesAt(input.defaultBranch, milestone.dueOn);
    const due = formatTime(milestone.dueOn, zone);
    post(
      "milestone",
      `${milestone.number}@${milestone.dueOn}`,
      {
        milestone: true,
        name: neutralizeInline(milestone.title, 120),
        url: milestone.url,
        due,
        openIssues: milestone.openIssues,
        closedIssues: milestone.closedIssues,
        branch: neutralizeInline(input.defaultBranch, 100),
        ...frozen(freezes),
      },
      {
        name: milestone.title,
        url: milestone.url,
        branch: input.defaultBranch,
        detail: `Due ${due}: ${milestone.openIssues} open and ${milestone.closedIssues} closed issues.`,
        ...(freezes ? { freezes } : {}),
      },
    );
  }
  return out;
}

/** The first line of the notes ("" without notes). */
function firstLine(text: string): string {
  return text.trim().split(/\r?\n/)[0]?.trim() ?? "";
}
