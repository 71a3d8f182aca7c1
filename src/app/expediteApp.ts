import type { ApplicationFunction, Probot } from "probot";
import type { Clock } from "../core/clock.js";
import { systemClock } from "../core/clock.js";
import type { GitHubContext, Logger, OctokitLike } from "../github/types.js";
import { cachedRepoSettings, forgetRepoSettings, trustedBotsFor } from "../reconcile/repoSettings.js";
import { forgetTemplates } from "../github/loadTemplates.js";

/** How long a repository's config and templates are reused; a push touching `.github/` ends it early. */
const SETTINGS_TTL_MS = 5 * 60_000;
import { runTarget } from "../reconcile/runTarget.js";
import { targetsOf, targetKey } from "../reconcile/targetsOf.js";
import type { Target } from "../reconcile/targetsOf.js";
import { WorkQueue } from "./workQueue.js";
import { withEtagCache } from "../github/withEtagCache.js";
import { primeRepoInfo } from "../github/repoInfo.js";
import { startScheduler } from "./startScheduler.js";
import { channelSecrets } from "../channels/channelSecrets.js";

export interface ExpediteAppOptions {
  clock?: Clock;
  /** Scheduled reconcile interval in ms; 0 disables the in-process scheduler (tests drive sweeps). */
  scheduleIntervalMs?: number;
  /** Where channel secrets (`EXPEDITE_CHANNEL_<NAME>`) are read; default the process environment. */
  env?: Record<string, string | undefined>;
  /** How long one send to a channel may take; default 10 s. */
  channelTimeoutMs?: number;
}

export interface ExpediteApp {
  app: ApplicationFunction;
  queue: WorkQueue;
  /** Runs the scheduled reconcile once for every installation now (what the timer does). */
  sweepAll: () => Promise<void>;
  stop: () => void;
}

const EVENTS = [
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "merge_group",
  "deployment_protection_rule.requested",
  "check_run.rerequested",
  "check_suite.rerequested",
] as const;

/**
 * The Probot App: every webhook becomes reconcile jobs on a per-object queue, and the handler returns
 * at once so GitHub's 10-second delivery window is never at risk. Failures are logged with the delivery
 * id; the scheduled reconcile repairs whatever they left undone.
 */
export function createExpediteApp(options: ExpediteAppOptions = {}): ExpediteApp {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const outbox = {
    secrets: channelSecrets((variable) => env[variable]),
    timeoutMs: options.channelTimeoutMs ?? 10_000,
  };
  let probot: Probot | undefined;
  let botLogin: Promise<string> | undefined;
  const latest = new Map<string, Target>();
  const queue = new WorkQueue((key, error) => {
    probot?.log.error({ err: error, key }, "reconcile failed; the scheduled reconcile will retry");
  });

  const getBotLogin = (app: Probot) => {
    botLogin ??= app
      .auth()
      .then((octokit) => octokit.request("GET /app"))
      .then(({ data }) => `${data?.slug ?? "expedite"}[bot]`)
      .catch((error: unknown) => {
        botLogin = undefined;
        throw error;
      });
    return botLogin;
  };

  const run = async (
    app: Probot,
    installationId: number,
    owner: string,
    repo: string,
    target: Target,
    log: Logger,
  ) => {
    const octokit = withEtagCache(
      (await app.auth(installationId)) as unknown as OctokitLike,
      `installation:${installationId}`,
    );
    const login = await getBotLogin(app);
    const base: GitHubContext = {
      octokit,
      owner,
      repo,
      botLogin: login,
      trustedBots: trustedBotsFor(login),
      log,
      outbox,
    };
    const now = clock();
    const settings = await cachedRepoSettings(base, now, SETTINGS_TTL_MS);
    const gh = settings.ok ? { ...base, trustedBots: trustedBotsFor(login, settings.config) } : base;
    const outcome = await runTarget(gh, settings, target, now);
    log.debug({ target, writes: outcome.writes, note: outcome.note }, "reconciled");
  };

  const app: ApplicationFunction = (instance: Probot) => {
    probot = instance;
    // Config and templates live in `.github/`: a push there must take effect on the next event.
    instance.on("push", async (context) => {
      const touched = context.payload.commits.some((c) =>
        [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].some((f) =>
          f.startsWith(".github/"),
        ),
      );
      if (touched || context.payload.commits.length === 0) {
        forgetRepoSettings(context.payload.repository.full_name);
        forgetTemplates(context.payload.repository.full_name);
      }
    });
    instance.on([...EVENTS], async (context) => {
      const payload = context.payload as unknown as {
        installation?: { id: number };
        repository?: { name: string; owner: { login: string } };
      };
      const installationId = payload.installation?.id;
      const repository = payload.repository;
      if (installationId === undefined || repository === undefined) return;
      const login = await getBotLogin(instance);
      const targets = targetsOf(context.name, context.payload as never, trustedBotsFor(login));
      const owner = repository.owner.login;
      const repo = repository.name;
      const described = repository as { default_branch?: string; html_url?: string };
      primeRepoInfo(`${owner}/${repo}`, {
        defaultBranch: described.default_branch,
        htmlUrl: described.html_url,
      });
      const log = context.log.child({ delivery: context.id, event: context.name });
      for (const target of targets) {
        // Not awaited: acknowledge the delivery now, do the work on the queue. An event that joins a job
        // still waiting hands it its newer view of the object.
        const key = targetKey(`${owner}/${repo}`, target);
        latest.set(key, target);
        void queue.enqueue(key, () => {
          const newest = latest.get(key) ?? target;
          latest.delete(key);
          // Logged here, with the delivery id, so an operator can match a failure to GitHub's delivery log.
          return run(instance, installationId, owner, repo, newest, log).catch((error: unknown) => {
            log.error({ err: error, target: newest }, "reconcile failed; the scheduled reconcile will retry");
          });
        });
      }
    });
  };

  // When each repository was last swept without a failure (the sweep's clock at its start).
  const lastSwept = new Map<string, number>();
  const sweepAll = async () => {
    if (!probot) return;
    const instance = probot;
    const appOctokit = await instance.auth();
    const installations = await appOctokit.paginate("GET /app/installations", { per_page: 100 });
    for (const installation of installations) {
      const octokit = await instance.auth(installation.id);
      const repos = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
      for (const repository of repos) {
        const owner = repository.owner.login;
        const key = targetKey(`${owner}/${repository.name}`, { kind: "sweep" });
        await queue.enqueue(key, async () => {
          const startedAt = clock();
          const since = lastSwept.get(key);
          const target: Target = { kind: "sweep", ...(since !== undefined ? { since } : {}) };
          await run(
            instance,
            installation.id,
            owner,
            repository.name,
            target,
            instance.log.child({ sweep: `${owner}/${repository.name}` }),
          );
          lastSwept.set(key, startedAt);
        });
      }
    }
  };

  const scheduler =
    options.scheduleIntervalMs === 0
      ? undefined
      : startScheduler(sweepAll, options.scheduleIntervalMs ?? 60_000, () => probot?.log);
  return { app, queue, sweepAll, stop: () => scheduler?.stop() };
}
