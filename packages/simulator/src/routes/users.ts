import { accessOf, atLeast } from "../domain/access.js";
import { HttpError } from "../http/httpError.js";
import { fullRepository } from "../render/repository.js";
import { publicUser } from "../render/user.js";
import { repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

export const userRoutes: HandlerTable = {
  "GET /user": (ctx) => {
    if (ctx.identity.kind === "anonymous") throw new HttpError(401, "Requires authentication");
    if (ctx.identity.kind !== "user") throw new HttpError(403, "Resource not accessible by integration");
    return { status: 200, body: publicUser(ctx.world, ctx.world.requireUser(ctx.identity.login)) };
  },

  "GET /users/{username}": (ctx) => {
    const user = ctx.world.user(str(ctx.params.username));
    if (!user) throw new HttpError(404, "Not Found");
    return { status: 200, body: publicUser(ctx.world, user) };
  },

  "GET /repos/{owner}/{repo}": (ctx) => {
    const { repo } = repoFor(ctx);
    const access = accessOf(ctx.world, ctx.identity, repo);
    const permissions =
      ctx.identity.kind === "user"
        ? {
            admin: atLeast(access, "admin"),
            maintain: atLeast(access, "maintain"),
            push: atLeast(access, "write"),
            triage: atLeast(access, "triage"),
            pull: atLeast(access, "read"),
          }
        : undefined;
    return { status: 200, body: fullRepository(ctx.world, repo, permissions) };
  },

  "GET /rate_limit": (ctx) => {
    const core = ctx.rateLimiter.state(ctx.identity);
    const rate = { limit: core.limit, remaining: core.remaining, reset: core.reset, used: core.used };
    const other = (limit: number) => ({ limit, remaining: limit, reset: core.reset, used: 0 });
    return {
      status: 200,
      body: {
        resources: {
          core: rate,
          search: other(30),
          graphql: other(5000),
          integration_manifest: other(5000),
          code_search: other(10),
        },
        rate,
      },
    };
  },
};
