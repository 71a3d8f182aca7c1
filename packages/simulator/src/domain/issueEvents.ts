// Issues and pull requests share numbers and most actions, but GitHub reports a pull request's
// changes as `pull_request` events (with `number`), not `issues` events.
import { renderIssue } from "../render/issue.js";
import { type PullIssue, renderPull } from "../render/pull.js";
import type { IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { emitEvent } from "../webhooks/emitEvent.js";

export function emitIssueEvent(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  action: string,
  sender: string,
  extra: Record<string, unknown> = {},
): void {
  if (issue.pull) {
    emitEvent(world, repo, "pull_request", action, sender, {
      number: issue.number,
      pull_request: renderPull(world, repo, issue as PullIssue, "webhook"),
      ...extra,
    });
  } else {
    emitEvent(world, repo, "issues", action, sender, {
      issue: renderIssue(world, repo, issue, "webhook"),
      ...extra,
    });
  }
}
