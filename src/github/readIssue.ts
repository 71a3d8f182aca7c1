import type { IssueSnapshot } from "../core/snapshot.js";
import type { GitHubContext } from "./types.js";

export async function readIssue(gh: GitHubContext, number: number): Promise<IssueSnapshot> {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
  });
  return toIssueSnapshot(data);
}

/** An issue as GitHub returns it from a read or a listing: what Expedite takes from it. */
export interface IssueLike {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  state: string;
  user: { login: string } | null;
  created_at: string;
  closed_at: string | null;
  labels: Array<string | { name?: string }>;
  assignees?: Array<{ login: string }> | null;
  pull_request?: unknown;
}

export function toIssueSnapshot(data: IssueLike): IssueSnapshot {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? "",
    url: data.html_url,
    state: data.state === "closed" ? "closed" : "open",
    author: data.user?.login ?? "ghost",
    createdAt: Date.parse(data.created_at),
    ...(data.closed_at ? { closedAt: Date.parse(data.closed_at) } : {}),
    labels: data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((l) => l !== ""),
    assignees: (data.assignees ?? []).map((a) => a.login),
    isPullRequest: data.pull_request !== undefined && data.pull_request !== null,
  };
}
