import type { MilestoneFacts, ReleaseFacts } from "../core/releases/planAnnouncements.js";
import type { GitHubContext } from "./types.js";

// The newest releases are the only ones that can be news: one page is enough.
export async function readReleases(gh: GitHubContext): Promise<ReleaseFacts[]> {
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

/** The open milestones, with their due dates and progress. */
export async function readMilestones(gh: GitHubContext): Promise<MilestoneFacts[]> {
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
