import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

export interface PullSummary {
  number: number;
  url: string;
  state: "open" | "closed";
  merged: boolean;
  mergedAt?: number;
  headRef: string;
  headSha: string;
  /** "owner/name" of the repository the head branch lives in, when GitHub says (a fork's differs). */
  headRepo?: string;
  baseRef: string;
  title: string;
  body: string;
  labels: string[];
  author: string;
  createdAt: number;
}

type RawPull = {
  number: number;
  html_url: string;
  state: string;
  merged_at: string | null;
  head: { ref: string; sha: string; repo?: { full_name?: string } | null };
  base: { ref: string };
  title: string;
  body: string | null;
  labels: Array<{ name?: string }>;
  user: { login: string } | null;
  created_at: string;
};

export function toPullSummary(pr: RawPull): PullSummary {
  return {
    number: pr.number,
    url: pr.html_url,
    state: pr.state === "closed" ? "closed" : "open",
    merged: pr.merged_at !== null,
    ...(pr.merged_at ? { mergedAt: Date.parse(pr.merged_at) } : {}),
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    ...(pr.head.repo?.full_name ? { headRepo: pr.head.repo.full_name } : {}),
    baseRef: pr.base.ref,
    title: pr.title,
    body: pr.body ?? "",
    labels: pr.labels.map((l) => l.name ?? ""),
    author: pr.user?.login ?? "ghost",
    createdAt: Date.parse(pr.created_at),
  };
}

/** The pull requests whose head is `branch` in this repository, newest first. */
export async function pullsForBranch(gh: GitHubContext, branch: string): Promise<PullSummary[]> {
  const pulls = await gh.octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
    owner: gh.owner,
    repo: gh.repo,
    head: `${gh.owner}:${branch}`,
    state: "all",
    per_page: 100,
  });
  return (pulls as RawPull[]).map(toPullSummary).sort((a, b) => b.number - a.number);
}

export async function readPull(gh: GitHubContext, number: number): Promise<PullSummary> {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: number,
  });
  return toPullSummary(data);
}

/**
 * Opens a pull request unless one is already open for the branch ("A pull request already exists" is
 * GitHub's 422 for exactly that, so it counts as success), and returns it.
 */
export async function createPullOnce(
  gh: GitHubContext,
  input: { head: string; base: string; title: string; body: string },
): Promise<PullSummary> {
  try {
    const { data } = await gh.octokit.request("POST /repos/{owner}/{repo}/pulls", {
      owner: gh.owner,
      repo: gh.repo,
      ...input,
      request: { retries: 0 },
    });
    return toPullSummary(data);
  } catch (error) {
    const status = statusOf(error);
    if (status !== 422 && (status === undefined || status < 500)) throw error;
    const open = (await pullsForBranch(gh, input.head)).find((p) => p.state === "open");
    if (open) return open;
    throw error;
  }
}

/** Asks for reviews; people who cannot review (not collaborators, the author) are skipped, not fatal. */
export async function requestReviewers(
  gh: GitHubContext,
  number: number,
  users: string[],
  teams: string[],
): Promise<void> {
  if (users.length === 0 && teams.length === 0) return;
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
      owner: gh.owner,
      repo: gh.repo,
      pull_number: number,
      reviewers: users,
      team_reviewers: teams,
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    // One bad name fails the whole request: ask for each reviewer on their own.
    for (const [reviewers, team_reviewers] of [
      ...users.map((u) => [[u], []]),
      ...teams.map((t) => [[], [t]]),
    ] as Array<[string[], string[]]>) {
      try {
        await gh.octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
          owner: gh.owner,
          repo: gh.repo,
          pull_number: number,
          reviewers,
          team_reviewers,
        });
      } catch (inner) {
        if (statusOf(inner) !== 422) throw inner;
        gh.log.warn(
          { pull: number, reviewers, team_reviewers },
          "could not request a review from this reviewer",
        );
      }
    }
  }
}

/** Every open pull request of the repository, as GitHub lists them. */
export async function listOpenPulls(gh: GitHubContext) {
  return gh.octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
    owner: gh.owner,
    repo: gh.repo,
    state: "open",
    per_page: 100,
  });
}

/** The paths a pull request changes, or undefined when GitHub's listing (at most 3,000 files) is cut short. */
export async function changedFiles(gh: GitHubContext, number: number): Promise<string[] | undefined> {
  const files = await gh.octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: number,
    per_page: 100,
  });
  return files.length >= 3000 ? undefined : files.map((f) => f.filename);
}
