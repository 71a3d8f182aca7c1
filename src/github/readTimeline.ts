import type { TimelineEvent } from "../core/snapshot.js";
import type { GitHubContext } from "./types.js";

/** The issue's own event log: the one source every projection is computed from. */
export async function readTimeline(gh: GitHubContext, number: number): Promise<TimelineEvent[]> {
  const items = (await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100,
  })) as unknown as RawTimelineItem[];
  const events: TimelineEvent[] = [];
  items.forEach((item, seq) => {
    const event = toTimelineEvent(item, seq);
    if (event) events.push(event);
  });
  return events;
}

interface RawUser {
  login: string;
}

interface RawTimelineItem {
  event?: string;
  created_at?: string;
  updated_at?: string;
  actor?: RawUser | null;
  user?: RawUser | null;
  label?: { name: string };
  assignee?: RawUser | null;
  id?: number;
  body?: string | null;
  html_url?: string;
  reactions?: Record<string, unknown>;
  rename?: { from: string; to: string };
  source?: {
    issue?: {
      number: number;
      title: string;
      html_url: string;
      state: string;
      body?: string | null;
      pull_request?: { merged_at?: string | null } | null;
    };
  };
}

function toTimelineEvent(item: RawTimelineItem, seq: number): TimelineEvent | undefined {
  const at = Date.parse(item.created_at ?? "");
  const actor = item.actor?.login ?? item.user?.login ?? "ghost";
  if (Number.isNaN(at)) return undefined;
  switch (item.event) {
    case "labeled":
    case "unlabeled":
      return item.label ? { type: item.event, at, seq, actor, label: item.label.name } : undefined;
    case "assigned":
    case "unassigned":
      return item.assignee ? { type: item.event, at, seq, actor, assignee: item.assignee.login } : undefined;
    case "closed":
    case "reopened":
      return { type: item.event, at, seq, actor };
    case "renamed":
      return item.rename
        ? { type: "renamed", at, seq, actor, from: item.rename.from, to: item.rename.to }
        : undefined;
    case "commented":
      if (item.id === undefined) return undefined;
      return {
        type: "commented",
        at,
        seq,
        actor: item.user?.login ?? actor,
        comment: {
          id: item.id,
          author: item.user?.login ?? actor,
          body: item.body ?? "",
          createdAt: at,
          updatedAt: Date.parse(item.updated_at ?? item.created_at ?? ""),
          url: item.html_url ?? "",
          plusOnes: typeof item.reactions?.["+1"] === "number" ? item.reactions["+1"] : 0,
        },
      };
    case "cross-referenced": {
      const source = item.source?.issue;
      if (!source) return undefined;
      const mergedAt = source.pull_request?.merged_at ? Date.parse(source.pull_request.merged_at) : undefined;
      return {
        type: "cross-referenced",
        at,
        seq,
        actor,
        source: {
          number: source.number,
          title: source.title,
          url: source.html_url,
          isPullRequest: source.pull_request !== undefined && source.pull_request !== null,
          state: source.state === "closed" ? "closed" : "open",
          merged: mergedAt !== undefined,
          ...(mergedAt !== undefined ? { mergedAt } : {}),
          body: source.body ?? "",
        },
      };
    }
    default:
      return undefined;
  }
}
