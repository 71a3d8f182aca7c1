import type { Config } from "../core/config/schema.js";
import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** The labels Expedite uses, with colours that read as a traffic light on the issue list. */
export function labelSpecs(config: Config): LabelSpec[] {
  const l = config.labels;
  return [
    {
      name: l.incident,
      color: "b60205",
      description: "An incident: Expedite keeps its board, clocks and checklist",
    },
    { name: l.declared, color: "d93f0b", description: "Incident declared, nobody has acknowledged it yet" },
    { name: l.acknowledged, color: "fbca04", description: "Someone is on it" },
    { name: l.mitigated, color: "c2e0c6", description: "A workaround is in place" },
    { name: l.resolved, color: "0e8a16", description: "Resolved; the resolution is journaled" },
    {
      name: l.postmortem_state,
      color: "5319e7",
      description: "Resolved; post-mortem pull request in review",
    },
    { name: l.cancelled, color: "cccccc", description: "False alarm, closed without a post-mortem" },
    ...[1, 2, 3, 4].map((n) => ({
      name: `${l.severity_prefix}${n}`,
      color: ["b60205", "d93f0b", "fbca04", "fef2c0"][n - 1] ?? "ededed",
      description: `Severity ${n} (1 is worst)`,
    })),
    { name: l.revenue, color: "e99695", description: "Revenue is affected" },
    { name: l.postmortem, color: "5319e7", description: "An incident post-mortem" },
    { name: l.followup, color: "1d76db", description: "Follow-up work from an incident post-mortem" },
    { name: l.freeze, color: "0052cc", description: "A code freeze: merges wait until this issue is closed" },
    {
      name: l.freeze_held,
      color: "b60205",
      description: "Its freeze was lifted by someone without the role to lift it, so it still holds",
    },
    {
      name: l.incident_fix,
      color: "0e8a16",
      description: "Fixes an incident: passes that incident's code freeze",
    },
  ];
}

/** The colour GitHub gives a label created implicitly by adding it to an issue. */
const IMPLICIT_COLOR = "ededed";

const known = new Map<string, Promise<void>>();

/**
 * Creates the missing labels once per repository per process; "already exists" counts as success.
 * `force` runs it even where the context opts out (the Action's scheduled full pass).
 */
export function ensureRepoLabels(gh: GitHubContext, config: Config, force = false): Promise<void> {
  if (gh.ensureLabels === false && !force) return Promise.resolve();
  const specs = labelSpecs(config);
  const key = `${gh.owner}/${gh.repo}`.toLowerCase() + "|" + specs.map((s) => s.name).join(",");
  let pending = known.get(key);
  if (!pending) {
    pending = createMissing(gh, specs).catch((error: unknown) => {
      known.delete(key);
      throw error;
    });
    known.set(key, pending);
  }
  return pending;
}

async function createMissing(gh: GitHubContext, specs: LabelSpec[]): Promise<void> {
  const existing = await gh.octokit.paginate("GET /repos/{owner}/{repo}/labels", {
    owner: gh.owner,
    repo: gh.repo,
    per_page: 100,
  });
  const byName = new Map(existing.map((l) => [l.name.toLowerCase(), l]));
  for (const spec of specs) {
    const found = byName.get(spec.name.toLowerCase());
    if (found) {
      // Adding a label that does not exist makes GitHub create it grey and undescribed (the Action adds
      // labels without listing them first); give it its colour and description once it is seen.
      if (found.color.toLowerCase() === IMPLICIT_COLOR && !found.description) {
        await gh.octokit.request("PATCH /repos/{owner}/{repo}/labels/{name}", {
          owner: gh.owner,
          repo: gh.repo,
          name: found.name,
          color: spec.color,
          description: spec.description,
        });
      }
      continue;
    }
    try {
      await gh.octokit.request("POST /repos/{owner}/{repo}/labels", {
        owner: gh.owner,
        repo: gh.repo,
        ...spec,
      });
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
    }
  }
}

/** Forget what was learned (tests start each scenario with a fresh simulator). */
export function forgetRepoLabels(): void {
  known.clear();
}
