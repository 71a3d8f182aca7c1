import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import { renderUserVariant } from "../render/issue.js";
import { repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

export const activityRoutes: HandlerTable = {
  // Pushes, force pushes, pull-request merges, branch creations and deletions with the time GitHub recorded them, newest first
  // unless `direction=asc`; `ref` takes "refs/heads/x" or "x".
  "GET /repos/{owner}/{repo}/activity": (ctx) => {
    const { repo } = repoFor(ctx);
    const wanted = ctx.query.ref === undefined ? undefined : str(ctx.query.ref);
    const ref = wanted === undefined || wanted.startsWith("refs/") ? wanted : `refs/heads/${wanted}`;
    const type = ctx.query.activity_type === undefined ? undefined : str(ctx.query.activity_type);
    const actor = ctx.query.actor === undefined ? undefined : str(ctx.query.actor).toLowerCase();
    const list = repo.activities
      .filter((a) => (ref === undefined || a.ref === ref) && (type === undefined || a.type === type))
      .filter((a) => actor === undefined || a.actor.toLowerCase() === actor);
    if (str(ctx.query.direction || "desc") !== "asc") list.reverse();
    return {
      status: 200,
      list: list.map((a) => ({
        id: a.id,
        node_id: nodeId("RepositoryActivity", a.id),
        before: a.before,
        after: a.after,
        ref: a.ref,
        timestamp: isoTime(a.at),
        activity_type: a.type,
        actor: renderUserVariant(ctx.world, a.actor, "rest"),
      })),
    };
  },
};
