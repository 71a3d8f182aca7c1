import { authorAssociation } from "../domain/access.js";
import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { RepoRecord, ReviewRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { renderUserVariant } from "./issue.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import type { Variant } from "./variant.js";

/** REST spells review states in upper case, webhook payloads and the timeline in lower case. */
export function renderReview(
  world: World,
  repo: RepoRecord,
  number: number,
  review: ReviewRecord,
  variant: Variant,
  stateCase: "upper" | "lower" = variant === "rest" ? "upper" : "lower",
): Record<string, unknown> {
  const pullUrl = repoApiUrl(world, repo, `/pulls/${number}`);
  const html = repoHtmlUrl(repo, `/pull/${number}#pullrequestreview-${review.id}`);
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: renderUserVariant(world, review.user, variant),
    body: review.body,
    state: stateCase === "upper" ? review.state : review.state.toLowerCase(),
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(world, repo, review.user),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: isoTime(review.at),
    commit_id: review.commitId,
  };
}
