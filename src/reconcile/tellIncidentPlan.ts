import { describeIncidentPlan } from "../core/plan/describePlan.js";
import type { GitHubContext } from "../github/types.js";
import type { IncidentOutcome } from "./reconcileIncident.js";

/** In a dry run, an incident's plan in words for the log and job summary. */
export function tellIncidentPlan(gh: GitHubContext, outcome: IncidentOutcome): void {
  if (gh.dryRun && outcome.plan) gh.dryRun.record(describeIncidentPlan(outcome.number, outcome.plan));
}
