import type { CommentSnapshot } from "../core/snapshot.js";
import type { GitHubContext } from "./types.js";

/** A comment as a listing gives it: the timeline's comment without the reactions, which a listing omits. */
export type IssueComment = Omit<CommentSnapshot, "plusOnes">;

/** Every comment on an issue or pull request, oldest first. */
export async function listComments(gh: GitHubContext, number: number): Promise<IssueComment[]> {
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100,
  });
  return comments.map((c) => ({
    id: c.id,
    author: c.user?.login ?? "ghost",
    body: c.body ?? "",
    createdAt: Date.parse(c.created_at),
    updatedAt: Date.parse(c.updated_at),
    url: c.html_url,
  }));
}
