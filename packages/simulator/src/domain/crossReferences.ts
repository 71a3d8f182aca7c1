// Mentioning #N (or owner/repo#N) in an issue, pull request or comment adds a `cross-referenced`
// event to N's timeline pointing back at where the mention was made.
import type { IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import type { Actor } from "./actor.js";
import { addTimelineEvent } from "./timeline.js";

const MENTION = /(?:^|[^\w/&#-])(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/g;

export function mentionedIssues(
  world: World,
  repo: RepoRecord,
  text: string,
): Array<{ repo: RepoRecord; issue: IssueRecord }> {
  const found: Array<{ repo: RepoRecord; issue: IssueRecord }> = [];
  for (const match of text.matchAll(MENTION)) {
    const target = match[1] && match[2] ? world.repo(`${match[1]}/${match[2]}`) : repo;
    const issue = target?.issues.get(Number(match[3]));
    if (target && issue && !found.some((f) => f.issue === issue)) found.push({ repo: target, issue });
  }
  return found;
}

export function recordCrossReferences(
  world: World,
  repo: RepoRecord,
  source: IssueRecord,
  text: string | null,
  actor: Actor,
): void {
  if (!text) return;
  for (const { issue } of mentionedIssues(world, repo, text)) {
    if (issue === source) continue;
    const already = issue.timeline.some(
      (e) =>
        e.event === "cross-referenced" && e.source?.repoId === repo.id && e.source.number === source.number,
    );
    if (already) continue;
    addTimelineEvent(world, issue, actor, "cross-referenced", {
      source: { repoId: repo.id, number: source.number },
    });
  }
}
