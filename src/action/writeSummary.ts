import * as core from "@actions/core";
import type { ConfigProblem } from "../core/config/parseConfig.js";
import type { TargetOutcome } from "../reconcile/runTarget.js";

/** The job summary: what was reconciled and how many writes it took. */
export async function writeSummary(
  outcomes: TargetOutcome[],
  info: { owner: string; repo: string; event: string; dryRun: boolean; configProblems?: ConfigProblem[] },
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const summary = core.summary
    .addHeading(`Expedite — ${info.owner}/${info.repo}`, 2)
    .addRaw(`Event: \`${info.event}\`${info.dryRun ? " (dry run: no writes)" : ""}`, true);
  if (info.configProblems) {
    summary.addHeading("Configuration problems", 3).addTable([
      [
        { data: "Setting", header: true },
        { data: "Found", header: true },
        { data: "What to do", header: true },
      ],
      ...info.configProblems.map((p) => [p.key, p.value, p.message]),
    ]);
  }
  summary.addTable([
    [
      { data: "Target", header: true },
      { data: "Writes", header: true },
      { data: "Note", header: true },
    ],
    ...outcomes.map((o) => [describe(o), String(o.writes), o.note ?? ""]),
  ]);
  await summary.write();
}

function describe(outcome: TargetOutcome): string {
  const t = outcome.target;
  switch (t.kind) {
    case "issue":
      return `issue #${t.number}`;
    case "pull":
      return `pull request #${t.number}`;
    case "merge-group":
      return `merge group ${t.headSha.slice(0, 7)}`;
    case "deployment":
      return `deployment of ${t.sha.slice(0, 7)} to ${t.environment}`;
    case "releases":
      return "release announcements";
    case "sweep":
      return "scheduled sweep";
  }
}
