import { createCheckRun, requireCheckRun, updateCheckRun } from "../domain/checkRuns.js";
import { resolveRef } from "../git/commits.js";
import { HttpError } from "../http/httpError.js";
import { renderCheckRun } from "../render/checkRun.js";
import type { CheckRunRecord, Identity } from "../world/records.js";
import { actorOf, num, repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

/** Only GitHub Apps (installation tokens, GITHUB_TOKEN) may write check runs. */
function appIdOf(identity: Identity): number {
  if (identity.kind === "installation" || identity.kind === "actions") return identity.appId;
  throw new HttpError(403, "You must authenticate via a GitHub App.");
}

export const checkRoutes: HandlerTable = {
  "POST /repos/{owner}/{repo}/check-runs": (ctx) => {
    const appId = appIdOf(ctx.identity);
    const { repo } = repoFor(ctx, "write");
    const run = createCheckRun(ctx.world, repo, appId, ctx.body, actorOf(ctx.identity));
    return { status: 201, body: renderCheckRun(ctx.world, run, "rest") };
  },

  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}": (ctx) => {
    const { repo } = repoFor(ctx);
    return {
      status: 200,
      body: renderCheckRun(ctx.world, requireCheckRun(ctx.world, repo, num(ctx.params.check_run_id)), "rest"),
    };
  },

  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": (ctx) => {
    const appId = appIdOf(ctx.identity);
    const { repo } = repoFor(ctx, "write");
    const run = requireCheckRun(ctx.world, repo, num(ctx.params.check_run_id));
    updateCheckRun(ctx.world, run, appId, ctx.body ?? {}, actorOf(ctx.identity));
    return { status: 200, body: renderCheckRun(ctx.world, run, "rest") };
  },

  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": (ctx) => {
    const { repo } = repoFor(ctx);
    const ref = str(ctx.params.ref);
    const sha = resolveRef(repo, ref);
    if (sha === undefined) throw new HttpError(422, `No commit found for SHA: ${ref}`);
    let runs = [...ctx.world.checkRuns.values()].filter((r) => r.repoId === repo.id && r.headSha === sha);
    if (ctx.query.check_name !== undefined) runs = runs.filter((r) => r.name === str(ctx.query.check_name));
    if (ctx.query.status !== undefined) runs = runs.filter((r) => r.status === str(ctx.query.status));
    if (ctx.query.app_id !== undefined) runs = runs.filter((r) => r.appId === num(ctx.query.app_id));
    if (str(ctx.query.filter || "latest") === "latest") {
      const latest = new Map<string, CheckRunRecord>();
      for (const run of runs) {
        const key = `${run.appId}\u0000${run.name}`;
        if ((latest.get(key)?.id ?? -1) < run.id) latest.set(key, run);
      }
      runs = [...latest.values()];
    }
    runs.sort((a, b) => b.id - a.id);
    return {
      status: 200,
      list: runs.map((r) => renderCheckRun(ctx.world, r, "rest")),
      wrap: (page, total) => ({ total_count: total, check_runs: page }),
    };
  },
};
