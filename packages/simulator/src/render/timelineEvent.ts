import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { IssueRecord, RepoRecord, TimelineRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { renderComment } from "./comment.js";
import { renderIssue, renderUserVariant, renderViaApp } from "./issue.js";
import { renderReview } from "./review.js";
import { renderTeam } from "./team.js";
import { repoApiUrl } from "./urls.js";

const NODE_TYPES: Record<string, string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  assigned: "AssignedEvent",
  unassigned: "UnassignedEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  renamed: "RenamedTitleEvent",
  review_requested: "ReviewRequestedEvent",
  review_request_removed: "ReviewRequestRemovedEvent",
  merged: "MergedEvent",
  referenced: "ReferencedEvent",
};

/** One timeline entry as GET /issues/{n}/timeline returns it; undefined when its subject is gone. */
export function renderTimelineEvent(
  world: World,
  repo: RepoRecord,
  issue: IssueRecord,
  event: TimelineRecord,
): Record<string, unknown> | undefined {
  const actor = renderUserVariant(world, event.actor, "rest");
  switch (event.event) {
    case "commented": {
      const comment = event.commentId === undefined ? undefined : world.comments.get(event.commentId);
      if (!comment) return undefined;
      return { ...renderComment(world, comment, "rest"), event: "commented", actor };
    }
    case "cross-referenced": {
      const sourceRepo = event.source ? world.repos.get(event.source.repoId) : undefined;
      const source = sourceRepo && event.source ? sourceRepo.issues.get(event.source.number) : undefined;
      if (!sourceRepo || !source) return undefined;
      return {
        event: "cross-referenced",
        actor,
        created_at: isoTime(event.at),
        updated_at: isoTime(event.at),
        source: {
          type: "issue",
          issue: renderIssue(world, sourceRepo, source, "rest", { withRepository: true }),
        },
      };
    }
    case "reviewed": {
      const review = issue.pull?.reviews.find((r) => r.id === event.reviewId);
      if (!review) return undefined;
      return { ...renderReview(world, repo, issue.number, review, "rest", "lower"), event: "reviewed" };
    }
  }
  const rendered: Record<string, unknown> = {
    id: event.id,
    node_id: nodeId(NODE_TYPES[event.event] ?? "IssueEvent", event.id),
    url: repoApiUrl(world, repo, `/issues/events/${event.id}`),
    actor,
    event: event.event,
    commit_id: event.commitId ?? null,
    commit_url: event.commitId ? repoApiUrl(world, repo, `/commits/${event.commitId}`) : null,
    created_at: isoTime(event.at),
    performed_via_github_app: renderViaApp(world, event.viaAppId, "rest"),
  };
  if (event.label) rendered.label = { ...event.label };
  if (event.assignee) rendered.assignee = renderUserVariant(world, event.assignee, "rest");
  if (event.rename) rendered.rename = { ...event.rename };
  if (event.event === "closed" || event.event === "reopened")
    rendered.state_reason = event.stateReason ?? null;
  if (event.event === "review_requested" || event.event === "review_request_removed") {
    rendered.review_requester = actor;
    if (event.requestedReviewer)
      rendered.requested_reviewer = renderUserVariant(world, event.requestedReviewer, "rest");
    const team = event.requestedTeam ? world.team(repo.owner, event.requestedTeam) : undefined;
    if (team) rendered.requested_team = renderTeam(world, team, "rest");
  }
  return rendered;
}
