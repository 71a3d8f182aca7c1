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

/**
 * Issues (and pull requests, which the issues listing includes: see `pull_request`) with a label, in a
 * state; `since` keeps only those updated since then.
 */
export async function listIssues(
  gh: GitHubContext,
  query: { labels: string; state: "open" | "closed" | "all"; since?: number },
) {
  return gh.octokit.paginate("GET /repos/{owner}/{repo}/issues", {
    owner: gh.owner,
    repo: gh.repo,
    labels: query.labels,
    state: query.state,
    ...(query.since !== undefined ? { since: new Date(query.since).toISOString() } : {}),
    per_page: 100,
  });
}

/** Bot-opened issues carrying a marker, among the issues with `label` (any state). */
export async function markedIssues(
  gh: GitHubContext,
  label: string,
  state: "open" | "all" = "all",
): Promise<MarkedIssue[]> {
  const issues = await listIssues(gh, { labels: label, state });
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
 * Opens an issue at most once: `find` says whether it already exists (by marker, or by whatever identifies
 * it), and a 5xx may hide a create that landed, so look before trying again rather than letting the retry
 * plugin post it twice.
 */
export async function createIssueOnce(
  gh: GitHubContext,
  input: {
    title: string;
    body: string;
    labels: string[];
    find: () => Promise<{ number: number; url: string } | undefined>;
  },
): Promise<{ number: number; url: string }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) {
      const landed = await input.find();
      if (landed) return landed;
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

/** A finder for createIssueOnce: the bot's issue with this marker identity among those labelled `label`. */
export function byMarker(
  gh: GitHubContext,
  label: string,
  identity: string,
): () => Promise<{ number: number; url: string } | undefined> {
  return async () => (await markedIssues(gh, label)).find((i) => i.identity === identity);
}

/** Closes an issue with a reason; `body` replaces its text in the same request when given. */
export async function closeIssue(
  gh: GitHubContext,
  number: number,
  reason: "completed" | "not_planned",
  change: { body?: string } = {},
): Promise<void> {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    state: "closed",
    state_reason: reason,
    ...(change.body !== undefined ? { body: change.body } : {}),
  });
}

export async function reopenIssue(gh: GitHubContext, number: number): Promise<void> {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    state: "open",
  });
}

export async function addAssignees(gh: GitHubContext, number: number, assignees: string[]): Promise<void> {
  await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    assignees,
  });
}

export async function removeAssignees(gh: GitHubContext, number: number, assignees: string[]): Promise<void> {
  await gh.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    assignees,
  });
}
