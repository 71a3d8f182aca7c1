// Branch protection's required status checks, counted as GitHub counts them: the latest run with that
// name on the head commit (from the pinned App when one is set) must have completed as success,
// neutral or skipped.
import type { CheckRunRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";

const PASSING = new Set(["success", "neutral", "skipped"]);

export type RequiredCheckVerdict =
  { ok: true } | { ok: false; context: string; reason: "expected" | "failing" };

export function latestRun(
  world: World,
  repo: RepoRecord,
  sha: string,
  name: string,
  appId?: number,
): CheckRunRecord | undefined {
  let latest: CheckRunRecord | undefined;
  for (const run of world.checkRuns.values()) {
    if (run.repoId !== repo.id || run.headSha !== sha || run.name !== name) continue;
    if (appId !== undefined && run.appId !== appId) continue;
    if (!latest || run.id > latest.id) latest = run;
  }
  return latest;
}

export function requiredChecksVerdict(
  world: World,
  repo: RepoRecord,
  branch: string,
  sha: string,
): RequiredCheckVerdict {
  for (const check of repo.requiredChecks.get(branch) ?? []) {
    const run = latestRun(world, repo, sha, check.context, check.appId);
    if (!run || run.status !== "completed") return { ok: false, context: check.context, reason: "expected" };
    if (!PASSING.has(run.conclusion ?? "")) return { ok: false, context: check.context, reason: "failing" };
  }
  return { ok: true };
}
