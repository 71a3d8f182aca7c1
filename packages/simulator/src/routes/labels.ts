import { createLabel, deleteLabel, findLabel, updateLabel } from "../domain/labels.js";
import { HttpError } from "../http/httpError.js";
import { renderLabel } from "../render/label.js";
import { actorOf, repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

export const labelRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/labels": (ctx) => {
    const { repo } = repoFor(ctx);
    return { status: 200, list: [...repo.labels.values()].map((l) => renderLabel(ctx.world, repo, l)) };
  },

  "POST /repos/{owner}/{repo}/labels": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const label = createLabel(ctx.world, repo, ctx.body, actorOf(ctx.identity));
    return { status: 201, body: renderLabel(ctx.world, repo, label) };
  },

  "GET /repos/{owner}/{repo}/labels/{name}": (ctx) => {
    const { repo } = repoFor(ctx);
    const label = findLabel(repo, str(ctx.params.name));
    if (!label) throw new HttpError(404, "Not Found");
    return { status: 200, body: renderLabel(ctx.world, repo, label) };
  },

  "PATCH /repos/{owner}/{repo}/labels/{name}": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const label = findLabel(repo, str(ctx.params.name));
    if (!label) throw new HttpError(404, "Not Found");
    updateLabel(ctx.world, repo, label, ctx.body ?? {}, actorOf(ctx.identity));
    return { status: 200, body: renderLabel(ctx.world, repo, label) };
  },

  "DELETE /repos/{owner}/{repo}/labels/{name}": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    deleteLabel(ctx.world, repo, str(ctx.params.name), actorOf(ctx.identity));
    return { status: 204 };
  },
};
