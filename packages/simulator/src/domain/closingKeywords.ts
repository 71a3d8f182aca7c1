// "fixes #12", "Closes owner/repo#3", "resolved: #4": GitHub's closing keywords.
import type { IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/gi;

export function closingReferences(
  world: World,
  repo: RepoRecord,
  text: string | null,
): Array<{ repo: RepoRecord; issue: IssueRecord }> {
  const found: Array<{ repo: RepoRecord; issue: IssueRecord }> = [];
  for (const match of (text ?? "").matchAll(CLOSING)) {
    const target = match[1] && match[2] ? world.repo(`${match[1]}/${match[2]}`) : repo;
    const issue = target?.issues.get(Number(match[3]));
    if (target && issue && !issue.pull && !found.some((f) => f.issue === issue))
      found.push({ repo: target, issue });
  }
  return found;
}
