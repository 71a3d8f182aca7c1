// App authentication: JWT-only endpoints and installation tokens.
import { issueToken } from "../domain/setup.js";
import { HttpError, validationFailed } from "../http/httpError.js";
import { restApp } from "../render/app.js";
import { APP_PERMISSIONS } from "../render/app.js";
import { renderInstallation } from "../render/installation.js";
import { restRepository } from "../render/repository.js";
import { isoTime } from "../world/isoTime.js";
import type { InstallationRecord, RepoRecord } from "../world/records.js";
import { installationCovers, type World } from "../world/world.js";
import { requireAppJwt, str, num } from "./helpers.js";
import type { HandlerTable, RouteContext } from "./types.js";

// An infinite token lifetime (installationTokenTtlMs: Infinity) still needs a valid date-time.
const LATEST_EXPIRY = Date.parse("9999-12-31T23:59:59Z");

function ownInstallation(ctx: RouteContext, id: number): InstallationRecord {
  const appId = requireAppJwt(ctx.identity);
  const installation = ctx.world.installations.get(id);
  if (!installation || installation.appId !== appId) throw new HttpError(404, "Not Found");
  return installation;
}

function installationForAccount(ctx: RouteContext, login: string): InstallationRecord {
  const appId = requireAppJwt(ctx.identity);
  for (const installation of ctx.world.installations.values()) {
    if (installation.appId === appId && installation.accountLogin.toLowerCase() === login.toLowerCase())
      return installation;
  }
  throw new HttpError(404, "Not Found");
}

function installedRepos(world: World, installation: InstallationRecord): RepoRecord[] {
  return [...world.repos.values()].filter((repo) => installationCovers(installation, repo));
}

export const appRoutes: HandlerTable = {
  "GET /app": (ctx) => {
    const app = ctx.world.apps.get(requireAppJwt(ctx.identity))!;
    return { status: 200, body: restApp(ctx.world, app) };
  },

  "GET /app/installations": (ctx) => {
    const appId = requireAppJwt(ctx.identity);
    const list = [...ctx.world.installations.values()]
      .filter((i) => i.appId === appId)
      .map((i) => renderInstallation(ctx.world, i));
    return { status: 200, list };
  },

  "GET /app/installations/{installation_id}": (ctx) => ({
    status: 200,
    body: renderInstallation(ctx.world, ownInstallation(ctx, num(ctx.params.installation_id))),
  }),

  "POST /app/installations/{installation_id}/access_tokens": (ctx) => {
    const installation = ownInstallation(ctx, num(ctx.params.installation_id));
    const { world } = ctx;
    const app = world.apps.get(installation.appId)!;
    const available = installedRepos(world, installation);
    const names: string[] = ctx.body?.repositories ?? [];
    const ids: number[] = ctx.body?.repository_ids ?? [];
    let narrowed: RepoRecord[] | undefined;
    if (names.length > 0 || ids.length > 0) {
      narrowed = available.filter(
        (r) => names.some((n) => n.toLowerCase() === r.name.toLowerCase()) || ids.includes(r.id),
      );
      if (narrowed.length !== names.length + ids.length) {
        throw validationFailed(
          "There is at least one repository that does not exist or is not accessible to the parent installation.",
        );
      }
    }
    const expiresAt = world.now() + ctx.installationTokenTtlMs;
    const token = issueToken(
      world,
      "ghs",
      {
        kind: "installation",
        login: app.botLogin,
        installationId: installation.id,
        appId: app.id,
        ...(narrowed ? { repoIds: narrowed.map((r) => r.id) } : {}),
      },
      expiresAt,
    );
    return {
      status: 201,
      body: {
        token,
        expires_at: isoTime(Math.min(expiresAt, LATEST_EXPIRY)),
        permissions: { ...APP_PERMISSIONS, ...(ctx.body?.permissions ?? {}) },
        repository_selection: narrowed || installation.repoIds ? "selected" : "all",
        ...(narrowed ? { repositories: narrowed.map((r) => restRepository(world, r)) } : {}),
      },
    };
  },

  "GET /repos/{owner}/{repo}/installation": (ctx) => {
    const appId = requireAppJwt(ctx.identity);
    const repo = ctx.world.repo(`${str(ctx.params.owner)}/${str(ctx.params.repo)}`);
    const installation = repo
      ? [...ctx.world.installations.values()].find((i) => i.appId === appId && installationCovers(i, repo))
      : undefined;
    if (!installation) throw new HttpError(404, "Not Found");
    return { status: 200, body: renderInstallation(ctx.world, installation) };
  },

  "GET /orgs/{org}/installation": (ctx) => ({
    status: 200,
    body: renderInstallation(ctx.world, installationForAccount(ctx, str(ctx.params.org))),
  }),

  "GET /users/{username}/installation": (ctx) => ({
    status: 200,
    body: renderInstallation(ctx.world, installationForAccount(ctx, str(ctx.params.username))),
  }),

  "GET /installation/repositories": (ctx) => {
    const identity = ctx.identity;
    if (identity.kind !== "installation")
      throw new HttpError(403, "This endpoint is only accessible to installation access tokens.");
    const installation = ctx.world.installations.get(identity.installationId)!;
    const repos = installedRepos(ctx.world, installation).filter(
      (r) => identity.repoIds === undefined || identity.repoIds.includes(r.id),
    );
    return {
      status: 200,
      list: repos.map((r) => restRepository(ctx.world, r)),
      wrap: (page, total) => ({
        total_count: total,
        repository_selection: installation.repoIds ? "selected" : "all",
        repositories: page,
      }),
    };
  },
};
