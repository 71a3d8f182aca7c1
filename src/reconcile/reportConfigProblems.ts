import type { ConfigProblem } from "../core/config/parseConfig.js";
import { formatProblems } from "../core/config/formatProblems.js";
import { renderMarker } from "../core/markers.js";
import type { GitHubContext } from "../github/types.js";
import { readIssue } from "../github/readIssue.js";
import { upsertMarkedComment } from "../github/upsertMarkedComment.js";

/**
 * With a broken config Expedite cannot know label names or clocks, so it changes nothing and says why
 * on the issue people are looking at (one comment, kept current; removed by the first good reconcile).
 */
export async function reportConfigProblems(
  gh: GitHubContext,
  number: number,
  path: string,
  problems: ConfigProblem[],
): Promise<boolean> {
  const issue = await readIssue(gh, number);
  if (issue.isPullRequest) return false;
  // The configured incident label is unknown while the config is broken; anything incident-like counts.
  if (!issue.labels.some((l) => /incident/i.test(l))) return false;
  const body = `${renderMarker("config-error")}\n### ⚠️ Expedite is paused on this repository\n\n${formatProblems(path, problems)}`;
  return upsertMarkedComment(gh, number, "config-error", body);
}
