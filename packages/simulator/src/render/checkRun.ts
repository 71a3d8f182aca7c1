import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { CheckRunRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { restApp, webhookApp } from "./app.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import type { Variant } from "./variant.js";

/** Open pull requests whose head is this commit (the `pull_requests` of check runs and suites). */
function checkPulls(world: World, repo: RepoRecord, sha: string) {
  const repoRef = { id: repo.id, url: repoApiUrl(world, repo), name: repo.name };
  return [...repo.issues.values()]
    .filter((issue) => issue.pull && issue.state === "open" && issue.pull.headSha === sha)
    .map((issue) => ({
      id: issue.id,
      number: issue.number,
      url: repoApiUrl(world, repo, `/pulls/${issue.number}`),
      head: { ref: issue.pull!.headRef, sha: issue.pull!.headSha, repo: repoRef },
      base: { ref: issue.pull!.baseRef, sha: issue.pull!.baseSha, repo: repoRef },
    }));
}

function headBranch(repo: RepoRecord, sha: string): string | null {
  for (const [ref, target] of repo.refs) if (target === sha && ref.startsWith("heads/")) return ref.slice(6);
  return null;
}

export function renderCheckRun(world: World, run: CheckRunRecord, variant: Variant): Record<string, unknown> {
  const repo = world.repoById(run.repoId);
  const app = world.apps.get(run.appId);
  const url = repoApiUrl(world, repo, `/check-runs/${run.id}`);
  const pulls = checkPulls(world, repo, run.headSha);
  const rendered: Record<string, unknown> = {
    id: run.id,
    node_id: nodeId("CheckRun", run.id),
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    url,
    html_url: repoHtmlUrl(repo, `/runs/${run.id}`),
    status: run.status,
    conclusion: run.conclusion,
    started_at: isoTime(run.startedAt ?? run.completedAt ?? world.now()),
    completed_at: run.completedAt === null ? null : isoTime(run.completedAt),
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: 0,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    app: app ? (variant === "rest" ? restApp(world, app) : webhookApp(world, app)) : null,
    pull_requests: pulls,
  };
  if (run.detailsUrl !== null) rendered.details_url = run.detailsUrl;
  else if (variant === "rest") rendered.details_url = null;
  if (variant === "rest") {
    rendered.check_suite = { id: run.suiteId };
    return rendered;
  }
  // Webhooks carry the whole suite. Its status summarises the app's runs on that commit.
  const siblings = [...world.checkRuns.values()].filter((r) => r.suiteId === run.suiteId);
  const done = siblings.every((r) => r.status === "completed");
  const conclusions = siblings.map((r) => r.conclusion);
  const suiteConclusion = !done
    ? null
    : conclusions.includes("failure")
      ? "failure"
      : conclusions.every((c) => c === "skipped" || c === "neutral")
        ? "neutral"
        : "success";
  const created = Math.min(...siblings.map((r) => r.startedAt ?? r.completedAt ?? world.now()));
  rendered.check_suite = {
    id: run.suiteId,
    node_id: nodeId("CheckSuite", run.suiteId),
    head_branch: headBranch(repo, run.headSha),
    head_sha: run.headSha,
    status: done ? "completed" : "in_progress",
    conclusion: suiteConclusion,
    url: repoApiUrl(world, repo, `/check-suites/${run.suiteId}`),
    before: null,
    after: run.headSha,
    pull_requests: pulls,
    app: rendered.app,
    created_at: isoTime(created),
    updated_at: isoTime(world.now()),
  };
  return rendered;
}
