import type { Config } from "../config/schema.js";
import { scheduledFreezes } from "./scheduledFreezes.js";
import type { FreezeIssue } from "./types.js";

/**
 * Every instant in [from, to] at which a configured window or closure starts or ends, or an open manual
 * freeze reaches its `until`, sorted and without duplicates. Nothing else changes a verdict without an
 * event of its own (incidents and freeze issues change through webhooks), so re-evaluating open pull
 * requests at these instants keeps every check run honest. Branch scope is ignored: the scheduler asks
 * for the repository, and a boundary that concerns no PR costs one no-op reconcile.
 */
export function freezeBoundaries(
  config: Config,
  freezeIssues: FreezeIssue[],
  from: number,
  to: number,
): number[] {
  const instants = new Set<number>();
  const within = (at: number): boolean => at >= from && at <= to;
  for (const scheduled of scheduledFreezes(config, from, to)) {
    if (within(scheduled.start)) instants.add(scheduled.start);
    if (within(scheduled.end)) instants.add(scheduled.end);
  }
  for (const issue of freezeIssues) {
    if (issue.closedAt === undefined && issue.until !== undefined && within(issue.until))
      instants.add(issue.until);
  }
  return [...instants].sort((a, b) => a - b);
}
