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
      name: l.deploy_hold,
      color: "0052cc",
      description: "Deployments of one commit held by a code freeze; exceptions are granted here",
    },
    { name: l.alert, color: "d93f0b", description: "An incident declared from an alert" },
    { name: l.releases, color: "0e8a16", description: "Where upcoming and published releases are announced" },
    {
      name: l.incident_fix,
      color: "0e8a16",
      description: "Fixes an incident: passes that incident's code freeze",
    },
  ];
}

/** The colour GitHub gives a label created implicitly by adding it to an issue. */
const IMPLICIT_COLOR = "ededed";

/**
 * Makes sure the labels about to be used exist with their colours and descriptions: only those, when a
 * repository first needs them, so installing the App on an organisation does not label every repository.
 * The repository's labels are listed once per run (RunCaches); "already exists" counts as success. `force` runs it
 * even where the context opts out (the Action's scheduled full pass, which gives implicitly created labels
 * their colours).
 */
export async function ensureRepoLabels(
  gh: GitHubContext,
  config: Config,
  names: readonly string[],
  { force = false }: { force?: boolean } = {},
): Promise<void> {
  if (gh.ensureLabels === false && !force) return;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const specs = labelSpecs(config).filter((spec) => wanted.has(spec.name.toLowerCase()));
  if (specs.length === 0) return;
  const key = `${gh.owner}/${gh.repo}`.toLowerCase();
  const known = gh.caches.labels;
  let ready = known.get(key);
  if (!ready) {
    ready = fresh(gh).catch((error: unknown) => {
      known.delete(key);
      throw error;
    });
    known.set(key, ready);
  }
  const have = await ready;
  const missing = specs.filter((spec) => !have.has(spec.name.toLowerCase()));
  for (const spec of missing) {
    await create(gh, spec);
    have.add(spec.name.toLowerCase());
  }
}

/** The repository's labels now; grey, undescribed ones count as missing so they get their colour. */
async function fresh(gh: GitHubContext): Promise<Set<string>> {
  const existing = await gh.octokit.paginate("GET /repos/{owner}/{repo}/labels", {
    owner: gh.owner,
    repo: gh.repo,
    per_page: 100,
  });
  return new Set(
    existing
      .filter((l) => !(l.color.toLowerCase() === IMPLICIT_COLOR && !l.description))
      .map((l) => l.name.toLowerCase()),
  );
}

async function create(gh: GitHubContext, spec: LabelSpec): Promise<void> {
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/labels", {
      owner: gh.owner,
      repo: gh.repo,
      ...spec,
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    // It exists (created grey by adding it to an issue, or by a racing reconcile): give it its colour.
    await gh.octokit.request("PATCH /repos/{owner}/{repo}/labels/{name}", {
      owner: gh.owner,
      repo: gh.repo,
      name: spec.name,
      color: spec.color,
      description: spec.description,
    });
  }
}

/** The labels an incident's own state is written with. */
export function incidentLabelNames(config: Config): string[] {
  const l = config.labels;
  return [
    l.incident,
    l.declared,
    l.acknowledged,
    l.mitigated,
    l.resolved,
    l.postmortem_state,
    l.cancelled,
    ...[1, 2, 3, 4].map((n) => `${l.severity_prefix}${n}`),
    l.revenue,
    l.freeze_held,
  ];
}
