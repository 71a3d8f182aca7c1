import { reviewProtectionRule } from "../domain/deployments.js";
import { HttpError } from "../http/httpError.js";
import { num, repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

export const actionRoutes: HandlerTable = {
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule": (ctx) => {
    const { repo } = repoFor(ctx);
    // Custom protection rules are answered by their App's installation, nobody else.
    if (ctx.identity.kind !== "installation")
      throw new HttpError(403, "Resource not accessible by integration");
    const state = ctx.body.state === undefined ? undefined : str(ctx.body.state);
    reviewProtectionRule(
      ctx.world,
      repo,
      num(ctx.params.run_id),
      { login: ctx.identity.login, appId: ctx.identity.appId },
      {
        environment_name: str(ctx.body.environment_name),
        ...(state === "approved" || state === "rejected" ? { state } : {}),
        ...(ctx.body.comment !== undefined ? { comment: str(ctx.body.comment) } : {}),
      },
    );
    return { status: 204 };
  },
};
