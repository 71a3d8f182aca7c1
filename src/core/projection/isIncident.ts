import type { Config } from "../config/schema.js";
import type { IssueSnapshot } from "../snapshot.js";

/** An issue (never a pull request) that carries the incident label. */
export function isIncident(issue: IssueSnapshot, config: Config): boolean {
  const label = config.labels.incident.toLowerCase();
  return !issue.isPullRequest && issue.labels.some((l) => l.toLowerCase() === label);
}
