import { moveRef } from "../domain/refs.js";
import { isAncestor } from "../git/commits.js";
import { HttpError } from "../http/httpError.js";
import { repoApiUrl } from "../render/urls.js";
import { nodeId } from "../world/ids.js";
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { actorOf, repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

function renderRef(world: World, repo: RepoRecord, ref: string): Record<string, unknown> {
  const sha = repo.refs.get(ref)!;
  return {
    ref: `refs/${ref}`,
    node_id: nodeId("Ref", `${repo.id}:${ref}`),
    url: repoApiUrl(world, repo, `/git/refs/${ref}`),
    object: { sha, type: "commit", url: repoApiUrl(world, repo, `/git/commits/${sha}`) },
  };
}

/** "refs/heads/x" or "heads/x" → "heads/x". */
function refKey(ref: string): string {
  return ref.replace(/^refs\//, "");
}

function requireSha(repo: RepoRecord, sha: string): string {
  if (!repo.commits.has(sha.toLowerCase())) throw new HttpError(422, "Object does not exist");
  return sha.toLowerCase();
}

export const gitRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/git/ref/{ref}": (ctx) => {
    const { repo } = repoFor(ctx);
    const ref = refKey(str(ctx.params.ref));
    if (!repo.refs.has(ref)) throw new HttpError(404, "Not Found");
    return { status: 200, body: renderRef(ctx.world, repo, ref) };
  },

  "POST /repos/{owner}/{repo}/git/refs": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const full = String(ctx.body.ref);
    if (!/^refs\/[^/]+\/.+/.test(full)) throw new HttpError(422, "Reference name is invalid");
    const ref = refKey(full);
    if (repo.refs.has(ref)) throw new HttpError(422, "Reference already exists");
    moveRef(ctx.world, repo, ref, requireSha(repo, String(ctx.body.sha)), actorOf(ctx.identity));
    return { status: 201, body: renderRef(ctx.world, repo, ref) };
  },

  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const ref = refKey(str(ctx.params.ref));
    const current = repo.refs.get(ref);
    if (current === undefined) throw new HttpError(422, "Reference does not exist");
    const sha = requireSha(repo, String(ctx.body.sha));
    const fastForward = isAncestor(repo, current, sha);
    if (!fastForward && ctx.body.force !== true) throw new HttpError(422, "Update is not a fast forward");
    moveRef(ctx.world, repo, ref, sha, actorOf(ctx.identity), { forced: !fastForward });
    return { status: 200, body: renderRef(ctx.world, repo, ref) };
  },

  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const ref = refKey(str(ctx.params.ref));
    if (!repo.refs.has(ref)) throw new HttpError(422, "Reference does not exist");
    moveRef(ctx.world, repo, ref, null, actorOf(ctx.identity));
    return { status: 204 };
  },
};
