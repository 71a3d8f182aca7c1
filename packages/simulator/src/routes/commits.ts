import { commit, resolveRef } from "../git/commits.js";
import { HttpError } from "../http/httpError.js";
import { gitCommit } from "../render/gitCommit.js";
import { repoApiUrl, repoHtmlUrl } from "../render/urls.js";
import { restUser } from "../render/user.js";
import type { CommitRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

export const commitRoutes: HandlerTable = {
  // History of a branch (or sha), newest first; with `path`, only the commits that changed that file,
  // following first parents as GitHub's default history simplification does for a linear branch.
  "GET /repos/{owner}/{repo}/commits": (ctx) => {
    const { repo } = repoFor(ctx);
    const ref = ctx.query.sha === undefined || ctx.query.sha === "" ? repo.defaultBranch : str(ctx.query.sha);
    const head = resolveRef(repo, ref);
    if (head === undefined) throw new HttpError(404, `No commit found for SHA: ${ref}`);
    const path = ctx.query.path === undefined ? undefined : str(ctx.query.path).replace(/^\/+|\/+$/g, "");
    const history: CommitRecord[] = [];
    for (let sha: string | undefined = head; sha !== undefined;) {
      const current = commit(repo, sha);
      const parent = current.parents[0] === undefined ? undefined : commit(repo, current.parents[0]);
      if (path === undefined || touches(current, parent, path)) history.push(current);
      sha = current.parents[0];
    }
    return { status: 200, list: history.map((c) => restCommit(ctx.world, repo, c)) };
  },
};

function touches(current: CommitRecord, parent: CommitRecord | undefined, path: string): boolean {
  const prefix = `${path}/`;
  const names = new Set([...current.files.keys(), ...(parent?.files.keys() ?? [])]);
  for (const name of names) {
    if (name !== path && !name.startsWith(prefix)) continue;
    if (current.files.get(name) !== parent?.files.get(name)) return true;
  }
  return false;
}

/** A commit as the REST commits endpoints return it (the OpenAPI `commit` schema). */
function restCommit(world: World, repo: RepoRecord, record: CommitRecord): Record<string, unknown> {
  const git = gitCommit(world, repo, record);
  const author = world.user(record.author);
  return {
    url: repoApiUrl(world, repo, `/commits/${record.sha}`),
    sha: record.sha,
    node_id: git.node_id,
    html_url: repoHtmlUrl(repo, `/commit/${record.sha}`),
    comments_url: repoApiUrl(world, repo, `/commits/${record.sha}/comments`),
    commit: {
      url: git.url,
      author: git.author,
      committer: git.committer,
      message: git.message,
      comment_count: 0,
      tree: git.tree,
      verification: git.verification,
    },
    author: author ? restUser(world, author) : null,
    committer: author ? restUser(world, author) : null,
    parents: git.parents,
  };
}
