// Lookups every route needs, with GitHub's answers when they fail.
import { type Access, accessOf, atLeast } from "../domain/access.js";
import type { Actor } from "../domain/actor.js";
import { HttpError } from "../http/httpError.js";
import type { Role } from "../types.js";
import type { Identity, RepoRecord } from "../world/records.js";
import type { RouteContext } from "./types.js";

export function str(value: unknown): string {
  return typeof value === "string" ? value : String((value as string | number | boolean | undefined) ?? "");
}

export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

/** The repository named by {owner}/{repo}, if the caller may act at `needed` level. Invisible → 404. */
export function repoFor(ctx: RouteContext, needed: Role = "read"): { repo: RepoRecord; access: Access } {
  if (ctx.identity.kind === "app") throw new HttpError(403, "Resource not accessible by integration");
  const repo = ctx.world.repo(`${str(ctx.params.owner)}/${str(ctx.params.repo)}`);
  if (!repo) throw new HttpError(404, "Not Found");
  const access = accessOf(ctx.world, ctx.identity, repo);
  if (access === "none") throw new HttpError(404, "Not Found");
  if (!atLeast(access, needed)) throw forbidden(ctx.identity, needed);
  return { repo, access };
}

export function forbidden(identity: Identity, needed: Role = "write"): HttpError {
  if (identity.kind === "installation" || identity.kind === "actions") {
    return new HttpError(403, "Resource not accessible by integration");
  }
  if (identity.kind === "anonymous") return new HttpError(401, "Requires authentication");
  return new HttpError(
    403,
    `Must have ${needed === "read" ? "read" : needed === "triage" ? "triage" : "push"} access to repository`,
  );
}

export function actorOf(identity: Identity): Actor {
  switch (identity.kind) {
    case "user":
      return { login: identity.login };
    case "installation":
      return { login: identity.login, viaAppId: identity.appId };
    case "actions":
      return { login: identity.login };
    default:
      throw new HttpError(401, "Requires authentication");
  }
}

export function requireAppJwt(identity: Identity): number {
  if (identity.kind !== "app") throw new HttpError(401, "A JSON web token could not be decoded");
  return identity.appId;
}
