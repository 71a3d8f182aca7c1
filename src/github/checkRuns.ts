import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

export interface CheckOutput {
  conclusion: "success" | "failure";
  title: string;
  summary: string;
  /**
   * Data only this App can write: people can edit comments, but not another App's check run, so records
   * that must not be forged (the exceptions granted for this commit) live here.
   */
  externalId?: string;
}

export type OurRun = Awaited<ReturnType<typeof ourRuns>>[number];

/**
 * Puts our check on a commit: one run per name and SHA, rewritten in place, and only when its conclusion
 * or text would change. Never `neutral` or `skipped`: branch protection counts both as passing.
 */
export async function writeCheck(
  gh: GitHubContext,
  name: string,
  sha: string,
  output: CheckOutput,
  detailsUrl?: string,
  known?: { runs: OurRun[] },
): Promise<boolean> {
  const runs = known ? known.runs : await ourRuns(gh, name, sha);
  const summary = output.summary.length > 65_000 ? output.summary.slice(0, 65_000) + "\n…" : output.summary;
  const current = (run: OurRun) =>
    run.status === "completed" &&
    run.conclusion === output.conclusion &&
    run.output.title === output.title &&
    run.output.summary === summary &&
    (run.external_id ?? "") === (output.externalId ?? "");
  // Two reconcilers creating the run for a new commit at the same instant can leave two (GitHub cannot
  // delete one): every run of ours on the commit is kept saying the same thing.
  const stale = runs.filter((run) => !current(run));
  if (runs.length > 0 && stale.length === 0) return false;
  const body = {
    status: "completed" as const,
    conclusion: output.conclusion,
    completed_at: new Date().toISOString(),
    output: { title: output.title, summary },
    ...(output.externalId !== undefined ? { external_id: output.externalId } : {}),
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
  };
  if (runs.length > 0) {
    for (const run of stale) {
      await gh.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
        owner: gh.owner,
        repo: gh.repo,
        check_run_id: Number(run.id),
        ...body,
      });
    }
  } else {
    try {
      // Check runs cannot be deleted, so a POST is never re-sent blindly after a 5xx (it may have landed).
      await gh.octokit.request("POST /repos/{owner}/{repo}/check-runs", {
        owner: gh.owner,
        repo: gh.repo,
        name,
        head_sha: sha,
        ...body,
        request: { retries: 0 },
      });
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && status < 500) throw error;
      const [landed] = await ourRuns(gh, name, sha);
      const target = landed ? { check_run_id: Number(landed.id) } : undefined;
      if (target) {
        await gh.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          owner: gh.owner,
          repo: gh.repo,
          ...target,
          ...body,
        });
      } else {
        await gh.octokit.request("POST /repos/{owner}/{repo}/check-runs", {
          owner: gh.owner,
          repo: gh.repo,
          name,
          head_sha: sha,
          ...body,
        });
      }
    }
  }
  return true;
}

/** Every run of check `name` on `sha` that this bot wrote, newest first. */
export async function ourRuns(gh: GitHubContext, name: string, sha: string) {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    owner: gh.owner,
    repo: gh.repo,
    ref: sha,
    check_name: name,
    filter: "all",
    per_page: 100,
  });
  const slug = gh.botLogin.replace(/\[bot\]$/, "").toLowerCase();
  return data.check_runs
    .filter((run) => (run.app?.slug ?? "").toLowerCase() === slug)
    .sort((a, b) => Number(b.id) - Number(a.id));
}
