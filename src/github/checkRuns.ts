import type { CheckOutput, CheckRunState } from "../core/freeze/checkRun.js";
import { checkWrites, clampSummary } from "../core/freeze/checkRun.js";
import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

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
  known?: { runs: readonly CheckRunState[] },
): Promise<boolean> {
  const runs = known ? known.runs : await ourRuns(gh, name, sha);
  const summary = clampSummary(output.summary);
  const { create, rewrite } = checkWrites(runs, output);
  if (!create && rewrite.length === 0) return false;
  const body = {
    status: "completed" as const,
    conclusion: output.conclusion,
    completed_at: new Date().toISOString(),
    output: { title: output.title, summary },
    ...(output.externalId !== undefined ? { external_id: output.externalId } : {}),
    ...(detailsUrl ? { details_url: detailsUrl } : {}),
  };
  if (!create) {
    for (const id of rewrite) {
      await gh.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
        owner: gh.owner,
        repo: gh.repo,
        check_run_id: id,
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
      const target = landed ? { check_run_id: landed.id } : undefined;
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
export async function ourRuns(gh: GitHubContext, name: string, sha: string): Promise<CheckRunState[]> {
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
    .sort((a, b) => Number(b.id) - Number(a.id))
    .map((run) => ({
      id: Number(run.id),
      status: run.status,
      conclusion: run.conclusion,
      title: run.output.title,
      summary: run.output.summary,
      externalId: run.external_id ?? null,
      ...(run.started_at ? { startedAt: Date.parse(run.started_at) } : {}),
    }));
}
