import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunction, Probot } from "probot";
import { ALERT_SOURCES } from "../core/alerts/types.js";
import type { AlertSource } from "../core/alerts/types.js";
import type { Clock } from "../core/time/clock.js";
import type { GitHubContext, OctokitLike } from "../github/types.js";
import { statusOf } from "../github/types.js";
import { keyedSerializer, receiveAlerts } from "../reconcile/alerts/receiveAlerts.js";
import type { RepoResolution } from "../reconcile/alerts/receiveAlerts.js";
import { cachedRepoSettings, trustedBotsFor } from "../reconcile/repoSettings.js";
import type { RunCaches } from "../github/runCaches.js";
import type { Target } from "../reconcile/targetsOf.js";

export const ALERTS_PATH = "/expedite/alerts/";
const MAX_BODY = 1024 * 1024;

export interface AlertsEndpointOptions {
  /** Bearer secret for Alertmanager, Grafana and the generic source (EXPEDITE_ALERTS_TOKEN). */
  token?: string;
  /** The Sentry integration's client secret, which signs its webhooks (EXPEDITE_SENTRY_CLIENT_SECRET). */
  sentrySecret?: string;
  /** "owner/name" whose configuration routes alerts (EXPEDITE_ALERTS_REPOSITORY). */
  home?: string;
  clock: Clock;
  /** The App's caches: the routing repository's settings are the ones its webhooks use. */
  caches: RunCaches;
  /** Queues a reconcile of an incident the alert touched (its board and clocks). */
  reconcile: (installationId: number, owner: string, repo: string, target: Target) => void;
}

/**
 * The App's endpoint for alert sources: POST /expedite/alerts/{alertmanager|grafana|sentry|generic}.
 * Each delivery is authenticated (Sentry by its HMAC signature, the others by a bearer secret), checked
 * whole, and answered with what became of each alert; sources retry on a 5xx.
 */
export function alertsEndpoint(options: AlertsEndpointOptions): ApplicationFunction {
  const serialize = keyedSerializer();
  return (app: Probot, { addHandler }) => {
    let botLogin: Promise<string> | undefined;
    const login = () =>
      (botLogin ??= app
        .auth()
        .then((o) => o.request("GET /app"))
        .then(({ data }) => `${data?.slug ?? "expedite"}[bot]`)
        .catch((error: unknown) => {
          botLogin = undefined;
          throw error;
        }));
    const installations = new Map<string, number>();

    const resolve = async (repository: string): Promise<RepoResolution & { installationId?: number }> => {
      const [owner, repo] = repository.split("/") as [string, string];
      let installationId = installations.get(repository);
      if (installationId === undefined) {
        try {
          const appOctokit = await app.auth();
          const { data } = await appOctokit.request("GET /repos/{owner}/{repo}/installation", {
            owner,
            repo,
          });
          installationId = data.id;
          installations.set(repository, installationId);
        } catch (error) {
          if (statusOf(error) === 404)
            return { ok: false, reason: "Expedite is not installed on that repository" };
          throw error;
        }
      }
      const octokit = (await app.auth(installationId)) as unknown as OctokitLike;
      const bot = await login();
      const log = app.log.child({ alerts: repository });
      const gh: GitHubContext = {
        octokit,
        owner,
        repo,
        botLogin: bot,
        trustedBots: trustedBotsFor(bot),
        log,
        caches: options.caches,
      };
      const settings = await cachedRepoSettings(gh, options.clock());
      if (!settings.ok)
        return {
          ok: false,
          reason: `its ${settings.path} is invalid (${settings.problems.map((p) => `${p.key}: ${p.message}`).join("; ")})`,
        };
      return {
        ok: true,
        gh: { ...gh, trustedBots: trustedBotsFor(bot, settings.config) },
        config: settings.config,
        installationId,
      };
    };

    addHandler(async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(ALERTS_PATH)) return false;
      const source = url.pathname.slice(ALERTS_PATH.length).replace(/\/$/, "");
      if (!ALERT_SOURCES.includes(source as AlertSource))
        return answer(res, 404, `unknown alert source "${source}": use one of ${ALERT_SOURCES.join(", ")}`);
      if (req.method !== "POST") return answer(res, 405, "alerts are POSTed");
      const raw = await readBody(req);
      if (raw === undefined) return answer(res, 413, `the body is larger than ${MAX_BODY} bytes`);

      const denied = authenticate(source as AlertSource, req, raw, options);
      if (denied) return answer(res, denied.status, denied.message);
      if (!options.home)
        return answer(
          res,
          503,
          "set EXPEDITE_ALERTS_REPOSITORY (owner/name) to the repository whose configuration routes alerts",
        );

      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return answer(res, 400, "the body is not JSON");
      }
      const home = options.home.toLowerCase();
      const homeRepo = await resolve(home);
      if (!homeRepo.ok)
        return answer(res, 503, `the alerts repository ${home} cannot be used: ${homeRepo.reason}`);
      const resolved = new Map<string, number>();
      try {
        const receipt = await receiveAlerts({
          source: source as AlertSource,
          body,
          ...(typeof req.headers["sentry-hook-resource"] === "string"
            ? { resource: req.headers["sentry-hook-resource"] }
            : {}),
          routing: homeRepo.config,
          home,
          resolve: async (repository) => {
            const result = await resolve(repository);
            if (result.ok && result.installationId !== undefined)
              resolved.set(repository, result.installationId);
            return result;
          },
          serialize,
          now: options.clock(),
        });
        for (const result of receipt.results) {
          const installationId = resolved.get(result.repository);
          if (result.incident === undefined || installationId === undefined || result.action === "unchanged")
            continue;
          const [owner, repo] = result.repository.split("/") as [string, string];
          options.reconcile(installationId, owner, repo, { kind: "issue", number: result.incident });
        }
        return answer(res, receipt.status, receipt.message, { results: receipt.results });
      } catch (error) {
        app.log.error({ err: error, source }, "alert delivery failed; the source will retry");
        return answer(res, 502, "GitHub could not be written to; retry the delivery");
      }
    });
  };
}

/** Sentry signs its body; the others carry the bearer secret. A source without its secret set is refused. */
function authenticate(
  source: AlertSource,
  req: IncomingMessage,
  raw: Buffer,
  options: AlertsEndpointOptions,
): { status: number; message: string } | undefined {
  if (source === "sentry") {
    if (!options.sentrySecret)
      return { status: 503, message: "set EXPEDITE_SENTRY_CLIENT_SECRET to accept Sentry webhooks" };
    const signature = req.headers["sentry-hook-signature"];
    const expected = createHmac("sha256", options.sentrySecret).update(raw).digest("hex");
    if (typeof signature !== "string" || !sameSecret(signature, expected))
      return { status: 401, message: "the Sentry-Hook-Signature header does not match the body" };
    return undefined;
  }
  if (!options.token) return { status: 503, message: "set EXPEDITE_ALERTS_TOKEN to accept alerts" };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!match || !sameSecret(match[1]!, options.token))
    return { status: 401, message: "send the alerts token as Authorization: Bearer <token>" };
  return undefined;
}

// Compared as digests: equal lengths for timingSafeEqual, and no early exit that leaks how much matched.
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(
  res: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): true {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ message, ...extra }));
  return true;
}
