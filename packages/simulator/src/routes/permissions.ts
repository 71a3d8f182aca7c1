import { roleOf } from "../domain/access.js";
import { HttpError } from "../http/httpError.js";
import { restUser } from "../render/user.js";
import { repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

// The legacy `permission` folds the newer roles: maintain → write, triage → read.
const LEGACY = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
  none: "none",
} as const;

export const permissionRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": (ctx) => {
    const { repo } = repoFor(ctx);
    const user = ctx.world.user(str(ctx.params.username));
    if (!user) throw new HttpError(404, "Not Found");
    const role = roleOf(ctx.world, repo, user.login);
    const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(role);
    const permissions = {
      admin: rank >= 5,
      maintain: rank >= 4,
      push: rank >= 3,
      triage: rank >= 2,
      pull: rank >= 1,
    };
    return {
      status: 200,
      body: {
        permission: LEGACY[role],
        role_name: role,
        user: { ...restUser(ctx.world, user), permissions, role_name: role },
      },
    };
  },

  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": (ctx) => {
    const org = str(ctx.params.org);
    const team = ctx.world.team(org, str(ctx.params.team_slug));
    const login = str(ctx.params.username);
    if (!team || !team.members.has(login.toLowerCase())) throw new HttpError(404, "Not Found");
    return {
      status: 200,
      body: {
        url: `${ctx.world.baseUrl}/organizations/${ctx.world.user(org)?.id ?? 0}/team/${team.id}/memberships/${login}`,
        role: "member",
        state: "active",
      },
    };
  },

  "GET /orgs/{org}/teams/{team_slug}/members": (ctx) => {
    const team = ctx.world.team(str(ctx.params.org), str(ctx.params.team_slug));
    if (!team) throw new HttpError(404, "Not Found");
    const members = [...team.members].flatMap((login) => {
      const user = ctx.world.user(login);
      return user ? [restUser(ctx.world, user)] : [];
    });
    return { status: 200, list: members };
  },
};
