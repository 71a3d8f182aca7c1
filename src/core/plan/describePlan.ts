import type { CheckOutput } from "../freeze/checkRun.js";
import type { PullPlan } from "../freeze/planPull.js";
import type { FreezeCommandsPlan } from "../freeze/planFreezeCommands.js";
import type { IncidentPlan } from "./planIncident.js";

// Plans in words, one line per write, for a dry run's log and job summary: what a real run would do.

/** The first line a reader would see of a comment: without the bot's marker, shortened. */
export function excerpt(body: string, max = 120): string {
  const line =
    body
      .replace(/<!--[\s\S]*?-->/g, "")
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l !== "") ?? "";
  const flat = line.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function describeCheck(name: string, sha: string, output: CheckOutput): string {
  return `would set check run ${name} on ${sha.slice(0, 7)} to ${output.conclusion}: ${excerpt(output.title)}`;
}

export function describePullPlan(plan: PullPlan): string[] {
  const n = plan.number;
  return [
    ...plan.replies.map((r) => `would post a reply on #${n}: ${excerpt(r.body)}`),
    ...plan.audits.map((a) => `would record on #${a.issue} (unless already there): ${excerpt(a.body)}`),
    ...plan.deleteComments.map((id) => `would delete comment ${id} on #${n}, a duplicate answer`),
    ...plan.ensureLabels.map((l) => `would create the label ${l} if the repository lacks it`),
    ...(plan.check ? [describeCheck(plan.check.name, plan.check.sha, plan.check.output)] : []),
    ...plan.news.map((o) => `would tell channels once (${o.event}) from #${n}: ${o.message}`),
  ];
}

/** The writes a pull request's plan makes (the audit copies and news counted as if none were there yet). */
export function plannedWrites(plan: PullPlan): number {
  return describePullPlan(plan).length - plan.ensureLabels.length;
}

export function describeIncidentPlan(number: number, plan: IncidentPlan): string[] {
  const list = (names: readonly string[]) => names.join(", ");
  return [
    ...(plan.labels.add.length > 0 ? [`would add label(s) ${list(plan.labels.add)} to #${number}`] : []),
    ...(plan.labels.remove.length > 0
      ? [`would remove label(s) ${list(plan.labels.remove)} from #${number}`]
      : []),
    ...(plan.assign.length > 0
      ? [`would assign ${list(plan.assign.map((a) => `@${a}`))} to #${number}`]
      : []),
    ...(plan.unassign.length > 0
      ? [`would unassign ${list(plan.unassign.map((a) => `@${a}`))} from #${number}`]
      : []),
    ...plan.react.map((id) => `would react 👍 to comment ${id} on #${number}`),
    ...plan.comments.map((c) =>
      c.id === undefined
        ? `would post a comment (${c.identity}) on #${number}: ${excerpt(c.body)}`
        : `would rewrite comment ${c.id} (${c.identity}) on #${number}: ${excerpt(c.body)}`,
    ),
    ...plan.deleteComments.map((id) => `would delete comment ${id} on #${number}, a duplicate`),
    ...(plan.close ? [`would close #${number} as ${plan.close.replace("_", " ")}`] : []),
  ];
}

export function describeFreezeCommandsPlan(plan: FreezeCommandsPlan): string[] {
  const n = plan.number;
  const lines = plan.steps.flatMap((step) => {
    switch (step.kind) {
      case "reply":
        return [`would post a reply on #${n}: ${excerpt(step.body)}`];
      case "freeze":
        return [
          `would open a code-freeze issue (unless one for this command exists): ${excerpt(step.issue.title)}`,
          `would post a reply on #${n}: 🧊 Code freeze started, naming that issue`,
        ];
      case "unfreeze":
        return [
          ...step.close.flatMap((c) => [
            `would close #${c.number}`,
            ...(c.heldFor !== undefined ? [`would take the hold label off #${c.heldFor}`] : []),
          ]),
          `would post a reply on #${n}: ${excerpt(step.body)}`,
        ];
    }
  });
  return plan.changed ? [...lines, "would then re-check every open pull request against the freezes"] : lines;
}

/** The writes freeze commands make, counted as a real run counts them. */
export function plannedCommandWrites(plan: FreezeCommandsPlan): number {
  return plan.steps.reduce(
    (n, step) => n + (step.kind === "reply" ? 1 : step.kind === "freeze" ? 2 : step.close.length + 1),
    0,
  );
}
