import { markerIdentity, parseMarker } from "../core/markers.js";
import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

export interface MarkedIssue {
  number: number;
  url: string;
  title: string;
  state: "open" | "closed";
  identity: string;
  body: string;
  createdAt: number;
  closedAt?: number;
}

/** Bot-opened issues carrying a marker, among the issues with `label` (any state). */
export async function markedIssues(
  gh: GitHubContext,
  label: string,
  state: "open" | "all" = "all",
): Promise<MarkedIssue[]> {
  const issues = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues", {
    owner: gh.owner,
    repo: gh.repo,
    labels: label,
    state,
    per_page: 100,
  });
  const found: MarkedIssue[] = [];
  for (const issue of issues) {
    if (issue.pull_request || !gh.trustedBots.has((issue.user?.login ?? "").toLowerCase())) continue;
    const marker = parseMarker(issue.body ?? "");
    if (!marker) continue;
    found.push({
      number: issue.number,
      url: issue.html_url,
      title: issue.title,
      state: issue.state === "closed" ? "closed" : "open",
      identity: markerIdentity(marker),
      body: issue.body ?? "",
      createdAt: Date.parse(issue.created_at),
      ...(issue.closed_at ? { closedAt: Date.parse(issue.closed_at) } : {}),
    });
  }
  return found;
}

/**
 * Opens an issue at most once per marker identity: a 5xx may hide a create that landed, so look before
 * trying again rather than letting the retry plugin post it twice.
 */
export async function createIssueOnce(
  gh: GitHubContext,
  input: { identity: string; title: string; body: string; labels: string[]; lookupLabel: string },
): Promise<{ number: number; url: string }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) {
      const landed = (await markedIssues(gh, input.lookupLabel)).find((i) => i.identity === input.identity);
      if (landed) return { number: landed.number, url: landed.url };
    }
    try {
      const { data } = await gh.octokit.request("POST /repos/{owner}/{repo}/issues", {
        owner: gh.owner,
        repo: gh.repo,
        title: input.title,
        body: input.body,
        labels: input.labels,
        request: { retries: 0 },
      });
      return { number: data.number, url: data.html_url };
    } catch (error) {
      lastError = error;
      const status = statusOf(error);
      if (status !== undefined && status < 500) throw error;
    }
  }
  throw lastError;
}

export async function closeIssue(
  gh: GitHubContext,
  number: number,
  reason: "completed" | "not_planned",
): Promise<void> {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    state: "closed",
    state_reason: reason,
  });
}
