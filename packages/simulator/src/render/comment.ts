import { authorAssociation } from "../domain/access.js";
import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { CommentRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { renderUserVariant, renderViaApp } from "./issue.js";
import { reactionSummary } from "./reactions.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import type { Variant } from "./variant.js";

export function renderComment(
  world: World,
  comment: CommentRecord,
  variant: Variant,
): Record<string, unknown> {
  const repo = world.repoById(comment.repoId);
  const issue = repo.issues.get(comment.issueNumber);
  const url = repoApiUrl(world, repo, `/issues/comments/${comment.id}`);
  const kind = issue?.pull ? "pull" : "issues";
  return {
    url,
    html_url: repoHtmlUrl(repo, `/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`),
    issue_url: repoApiUrl(world, repo, `/issues/${comment.issueNumber}`),
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    user: renderUserVariant(world, comment.user, variant),
    created_at: isoTime(comment.createdAt),
    updated_at: isoTime(comment.updatedAt),
    author_association: authorAssociation(world, repo, comment.user),
    body: comment.body,
    reactions: reactionSummary(`${url}/reactions`, comment.reactions),
    performed_via_github_app: renderViaApp(world, comment.viaAppId, variant),
  };
}
