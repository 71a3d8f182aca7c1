import { atLeast } from "../domain/access.js";
import { closeIssue, editText, reopenIssue } from "../domain/issues.js";
import {
  changeBase,
  createPull,
  createReview,
  headBranchName,
  mergePull,
  removeReviewers,
  requestReviewers,
  requirePull,
} from "../domain/pulls.js";
import { pullDiff, renderPull, renderSimplePull, type PullIssue } from "../render/pull.js";
import { renderReview } from "../render/review.js";
import { renderTeam } from "../render/team.js";
import { repoApiUrl, repoHtmlUrl } from "../render/urls.js";
import { restUser } from "../render/user.js";
import { actorOf, forbidden, num, repoFor, str } from "./helpers.js";
import type { HandlerTable, RouteContext } from "./types.js";

function pullFor(ctx: RouteContext) {
  const { repo, access } = repoFor(ctx);
  return { repo, access, issue: requirePull(repo, num(ctx.params.pull_number)) };
}

/** Authors may edit their own pull requests; everyone else needs `needed`. */
function authorOr(
  ctx: RouteContext,
  issue: PullIssue,
  access: Parameters<typeof atLeast>[0],
  needed: "triage" | "write",
): void {
  const actor = actorOf(ctx.identity);
  if (actor.login.toLowerCase() !== issue.user.toLowerCase() && !atLeast(access, needed))
    throw forbidden(ctx.identity, needed);
}

export const pullRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/pulls": (ctx) => {
    const { repo } = repoFor(ctx);
    const state = str(ctx.query.state || "open");
    const head = ctx.query.head === undefined ? undefined : str(ctx.query.head);
    const headBranch = head === undefined ? undefined : (headBranchName(repo, head) ?? "\u0000");
    const direction = str(ctx.query.direction || "desc");
    const sort = str(ctx.query.sort || "created");
    const list = [...repo.issues.values()]
      .filter((i): i is PullIssue => i.pull !== undefined)
      .filter((i) => state === "all" || i.state === state)
      .filter((i) => headBranch === undefined || i.pull.headRef === headBranch)
      .filter((i) => ctx.query.base === undefined || i.pull.baseRef === str(ctx.query.base))
      .sort((a, b) => {
        const diff = sort === "updated" ? a.updatedAt - b.updatedAt : a.createdAt - b.createdAt;
        return (direction === "asc" ? 1 : -1) * (diff || a.number - b.number);
      });
    return { status: 200, list: list.map((i) => renderSimplePull(ctx.world, repo, i, "rest")) };
  },

  "POST /repos/{owner}/{repo}/pulls": (ctx) => {
    const { repo } = repoFor(ctx);
    const issue = createPull(
      ctx.world,
      repo,
      {
        title: String(ctx.body.title ?? ""),
        body: ctx.body.body ?? null,
        head: String(ctx.body.head),
        base: String(ctx.body.base),
        draft: ctx.body.draft === true,
      },
      actorOf(ctx.identity),
    );
    return { status: 201, body: renderPull(ctx.world, repo, issue, "rest") };
  },

  "GET /repos/{owner}/{repo}/pulls/{pull_number}": (ctx) => {
    const { repo, issue } = pullFor(ctx);
    return { status: 200, body: renderPull(ctx.world, repo, issue, "rest") };
  },

  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": (ctx) => {
    const { repo, access, issue } = pullFor(ctx);
    authorOr(ctx, issue, access, "write");
    const actor = actorOf(ctx.identity);
    const body = ctx.body ?? {};
    editText(ctx.world, repo, issue, { title: body.title, body: body.body }, actor);
    if (body.base !== undefined) changeBase(ctx.world, repo, issue, String(body.base), actor);
    if (body.state === "closed") closeIssue(ctx.world, repo, issue, null, actor);
    else if (body.state === "open") reopenIssue(ctx.world, repo, issue, actor);
    return { status: 200, body: renderPull(ctx.world, repo, issue, "rest") };
  },

  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": (ctx) => {
    const { repo, issue } = pullFor(ctx);
    const { files } = pullDiff(repo, issue.pull);
    const list = files.map((f) => ({
      sha: f.sha,
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      changes: f.additions + f.deletions,
      blob_url: repoHtmlUrl(repo, `/blob/${issue.pull.headSha}/${f.filename}`),
      raw_url: repoHtmlUrl(repo, `/raw/${issue.pull.headSha}/${f.filename}`),
      contents_url: repoApiUrl(ctx.world, repo, `/contents/${f.filename}?ref=${issue.pull.headSha}`),
      patch: f.patch,
    }));
    return { status: 200, list };
  },

  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const issue = requirePull(repo, num(ctx.params.pull_number));
    const sha = mergePull(ctx.world, repo, issue, ctx.body ?? {}, actorOf(ctx.identity));
    return { status: 200, body: { sha, merged: true, message: "Pull Request successfully merged" } };
  },

  "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": (ctx) => {
    const { repo, issue } = pullFor(ctx);
    return {
      status: 200,
      body: {
        users: issue.pull.requestedReviewers.map((login) =>
          restUser(ctx.world, ctx.world.requireUser(login)),
        ),
        teams: issue.pull.requestedTeams.flatMap((slug) => {
          const team = ctx.world.team(repo.owner, slug);
          return team ? [renderTeam(ctx.world, team, "rest")] : [];
        }),
      },
    };
  },

  "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": (ctx) => {
    const { repo, access, issue } = pullFor(ctx);
    authorOr(ctx, issue, access, "triage");
    requestReviewers(ctx.world, repo, issue, ctx.body ?? {}, actorOf(ctx.identity));
    return { status: 201, body: renderSimplePull(ctx.world, repo, issue, "rest") };
  },

  "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": (ctx) => {
    const { repo, access, issue } = pullFor(ctx);
    authorOr(ctx, issue, access, "triage");
    removeReviewers(ctx.world, repo, issue, ctx.body ?? {}, actorOf(ctx.identity));
    return { status: 200, body: renderSimplePull(ctx.world, repo, issue, "rest") };
  },

  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": (ctx) => {
    const { repo, issue } = pullFor(ctx);
    const actor = ctx.identity.kind === "anonymous" ? undefined : actorOf(ctx.identity).login.toLowerCase();
    // Pending reviews are visible only to their author.
    const reviews = issue.pull.reviews.filter((r) => r.state !== "PENDING" || r.user.toLowerCase() === actor);
    return { status: 200, list: reviews.map((r) => renderReview(ctx.world, repo, issue.number, r, "rest")) };
  },

  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": (ctx) => {
    const { repo, issue } = pullFor(ctx);
    const review = createReview(ctx.world, repo, issue, ctx.body ?? {}, actorOf(ctx.identity));
    return { status: 200, body: renderReview(ctx.world, repo, issue.number, review, "rest") };
  },

  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": (ctx) => {
    const { repo } = repoFor(ctx);
    const sha = str(ctx.params.commit_sha).toLowerCase();
    const list = [...repo.issues.values()]
      .filter((i): i is PullIssue => i.pull !== undefined)
      .filter((i) => i.pull.headSha === sha || i.pull.mergeCommitSha === sha);
    return { status: 200, list: list.map((i) => renderSimplePull(ctx.world, repo, i, "rest")) };
  },
};
