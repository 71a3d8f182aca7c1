import * as core from "@actions/core";
import { where } from "../core/config/formatProblems.js";
import type { ConfigProblem } from "../core/config/parseConfig.js";
import type { TargetOutcome } from "../reconcile/runTarget.js";

/** The job summary: what was reconciled and how many writes it took. */
export async function writeSummary(
  outcomes: TargetOutcome[],
  info: {
    owner: string;
    repo: string;
    event: string;
    dryRun: boolean;
    /** A dry run's plans, one line per write a real run would make. */
    planned?: readonly string[];
    configProblems?: ConfigProblem[];
    /** The file was refused and this earlier version (commit sha) is in use. */
    usingVersionOf?: string;
  },
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const summary = core.summary
    .addHeading(`Expedite — ${info.owner}/${info.repo}`, 2)
    .addRaw(`Event: \`${info.event}\`${info.dryRun ? " (dry run: no writes)" : ""}`, true);
  if (info.configProblems) {
    summary.addHeading(
      info.usingVersionOf
        ? `Configuration refused: working from its last valid version (${info.usingVersionOf.slice(0, 7)})`
        : "Configuration problems",
      3,
    );
    summary.addTable([
      [
        { data: "Setting", header: true },
        { data: "Found", header: true },
        { data: "What to do", header: true },
      ],
      ...info.configProblems.map((p) => [`${p.key}${where(p)}`, p.value, p.message]),
    ]);
  }
  // A Note column only when some target has one: an always-empty column says nothing.
  const noted = outcomes.some((o) => (o.note ?? "") !== "");
  summary.addTable([
    [
      { data: "Target", header: true },
      { data: "Writes", header: true },
      ...(noted ? [{ data: "Note", header: true }] : []),
    ],
    ...outcomes.map((o) => [describe(o), String(o.writes), ...(noted ? [o.note ?? ""] : [])]),
  ]);
  if (info.dryRun) {
    summary.addHeading("Planned writes", 3);
    if ((info.planned ?? []).length === 0)
      summary.addRaw("Nothing to write: GitHub already shows it all.", true);
    else summary.addList((info.planned ?? []).map(escapeHtml));
    summary.addRaw(
      "Other writes, made outside a plan, were stopped before they reached GitHub; the log names each.",
      true,
    );
  }
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

/** The summary is HTML: text people typed (a reason, a title) is shown, never interpreted. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
