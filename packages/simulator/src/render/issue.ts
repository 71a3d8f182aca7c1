import { authorAssociation } from "../domain/access.js";
import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { IssueRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { restApp, webhookApp } from "./app.js";
import { renderLabel } from "./label.js";
import { reactionSummary } from "./reactions.js";
import { restRepository } from "./repository.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import { restUser, webhookUser } from "./user.js";
import type { Variant } from "./variant.js";

export function issueLabels(repo: RepoRecord, issue: IssueRecord) {
  const byId = new Map([...repo.labels.values()].map((label) => [label.id, label]));
  return issue.labelIds.flatMap((id) => {
    const label = byId.get(id);
    return label ? [label] : [];
  });
}

export function renderUserVariant(world: World, login: string, variant: Variant): Record<string, unknown> {
  const user = world.requireUser(login);
  return variant === "rest" ? restUser(world, user) : webhookUser(world, user);
}

export function renderViaApp(
  world: World,
  appId: number | undefined,
  variant: Variant,
): Record<string, unknown> | null {
  const app = appId === undefined ? undefined : world.apps.get(appId);
  if (!app) return null;
  return variant === "rest" ? restApp(world, app) : webhookApp(world, app);
}

export function renderIssue(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  variant: Variant,
  options: { withRepository?: boolean } = {},
): Record<string, unknown> {
  const url = repoApiUrl(world, repo, `/issues/${issue.number}`);
  const kind = issue.pull ? "pull" : "issues";
  const assignees = issue.assignees.map((login) => renderUserVariant(world, login, variant));
  const rendered: Record<string, unknown> = {
    url,
    repository_url: repoApiUrl(world, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: repoHtmlUrl(repo, `/${kind}/${issue.number}`),
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequest" : "Issue", issue.id),
    number: issue.number,
    title: issue.title,
    user: renderUserVariant(world, issue.user, variant),
    labels: issueLabels(repo, issue).map((label) => renderLabel(world, repo, label)),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.commentIds.length,
    created_at: isoTime(issue.createdAt),
    updated_at: isoTime(issue.updatedAt),
    closed_at: issue.closedAt === null ? null : isoTime(issue.closedAt),
    author_association: authorAssociation(world, repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    reactions: reactionSummary(`${url}/reactions`, issue.reactions),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: renderViaApp(world, issue.viaAppId, variant),
    state_reason: issue.stateReason,
  };
  if (issue.pull) {
    rendered.draft = issue.pull.draft;
    rendered.pull_request = {
      url: repoApiUrl(world, repo, `/pulls/${issue.number}`),
      html_url: repoHtmlUrl(repo, `/pull/${issue.number}`),
      diff_url: repoHtmlUrl(repo, `/pull/${issue.number}.diff`),
      patch_url: repoHtmlUrl(repo, `/pull/${issue.number}.patch`),
      merged_at: issue.pull.mergedAt === null ? null : isoTime(issue.pull.mergedAt),
    };
  }
  if (variant === "rest") {
    rendered.closed_by = issue.closedBy === null ? null : renderUserVariant(world, issue.closedBy, variant);
    if (options.withRepository) rendered.repository = restRepository(world, repo);
  }
  return rendered;
}
