import { describeIncidentPlan } from "../core/plan/describePlan.js";
import type { GitHubContext } from "../github/types.js";
import type { IncidentOutcome } from "./reconcileIncident.js";

/** In a dry run, an incident's plan in words for the log and job summary; returns the outcome unchanged. */
export function tellIncidentPlan(gh: GitHubContext, outcome: IncidentOutcome): IncidentOutcome {
  if (gh.dryRun && outcome.plan) gh.dryRun.record(describeIncidentPlan(outcome.number, outcome.plan));
  return outcome;
}
