import { commit } from "../git/commits.js";
import { HttpError } from "../http/httpError.js";
import { gitCommit } from "../render/gitCommit.js";
import { repoApiUrl, repoHtmlUrl } from "../render/urls.js";
import { restUser } from "../render/user.js";
import { repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

export const branchRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/branches/{branch}": (ctx) => {
    const { repo } = repoFor(ctx);
    const name = str(ctx.params.branch);
    const sha = repo.refs.get(`heads/${name}`);
    if (sha === undefined) throw new HttpError(404, "Branch not found");
    const head = commit(repo, sha);
    const git = gitCommit(ctx.world, repo, head);
    const author = ctx.world.user(head.author);
    const required = repo.requiredChecks.get(name);
    const protectionUrl = repoApiUrl(ctx.world, repo, `/branches/${encodeURIComponent(name)}/protection`);
    return {
      status: 200,
      body: {
        name,
        commit: {
          sha,
          node_id: git.node_id,
          commit: {
            author: git.author,
            committer: git.committer,
            message: git.message,
            tree: git.tree,
            url: git.url,
            comment_count: 0,
            verification: git.verification,
          },
          url: repoApiUrl(ctx.world, repo, `/commits/${sha}`),
          html_url: repoHtmlUrl(repo, `/commit/${sha}`),
          comments_url: repoApiUrl(ctx.world, repo, `/commits/${sha}/comments`),
          author: author ? restUser(ctx.world, author) : null,
          committer: author ? restUser(ctx.world, author) : null,
          parents: git.parents,
        },
        _links: {
          self: repoApiUrl(ctx.world, repo, `/branches/${encodeURIComponent(name)}`),
          html: repoHtmlUrl(repo, `/tree/${name}`),
        },
        protected: required !== undefined,
        protection: required
          ? {
              enabled: true,
              required_status_checks: {
                enforcement_level: "non_admins",
                contexts: required.map((c) => c.context),
                checks: required.map((c) => ({ context: c.context, app_id: c.appId ?? null })),
              },
            }
          : {
              enabled: false,
              required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
            },
        protection_url: protectionUrl,
      },
    };
  },
};
