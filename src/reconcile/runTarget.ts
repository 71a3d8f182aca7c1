import type { Permission } from "../core/snapshot.js";
import type { GitHubContext } from "../github/types.js";
import type { RepoSettings } from "./repoSettings.js";
import type { Target } from "./targetsOf.js";
import { reconcileIncident } from "./reconcileIncident.js";
import { sweepRepository } from "./sweepRepository.js";
import { reportConfigProblems } from "./reportConfigProblems.js";

export interface TargetOutcome {
  target: Target;
  writes: number;
  note?: string;
}

/** One reconcile for one target, the same in App and Action mode. */
export async function runTarget(
  gh: GitHubContext,
  settings: RepoSettings,
  target: Target,
  now: number,
  permissions: Map<string, Permission> = new Map(),
): Promise<TargetOutcome> {
  if (!settings.ok) {
    if (target.kind === "issue") {
      const wrote = await reportConfigProblems(gh, target.number, settings.path, settings.problems);
      return { target, writes: wrote ? 1 : 0, note: "configuration invalid" };
    }
    return { target, writes: 0, note: "configuration invalid" };
  }
  const { config, templates } = settings;
  switch (target.kind) {
    case "issue": {
      const result = await reconcileIncident(gh, config, templates, target.number, now, permissions);
      return { target, writes: result.writes, ...(result.skipped ? { note: result.skipped } : {}) };
    }
    case "sweep": {
      const result = await sweepRepository(gh, config, templates, now);
      if (result.failures.length > 0) {
        throw new Error(
          `sweep finished with ${result.failures.length} failure(s): ${result.failures.map((f) => `${f.target}: ${f.error}`).join("; ")}`,
        );
      }
      return { target, writes: result.writes, note: `${result.incidents} open incident(s)` };
    }
    case "pull":
    case "merge-group":
      return { target, writes: 0, note: "no pull-request reconcile configured" };
  }
}
