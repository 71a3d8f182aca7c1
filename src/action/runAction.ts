import { problemsForLog } from "../core/config/formatProblems.js";
import * as core from "@actions/core";
import { context } from "@actions/github";
import type { GitHubContext, Logger, OctokitLike } from "../github/types.js";
import { repoSettings, trustedBotsFor } from "../reconcile/repoSettings.js";
import { runTarget } from "../reconcile/runTarget.js";
import type { TargetOutcome } from "../reconcile/runTarget.js";
import { targetsOf, targetKey } from "../reconcile/targetsOf.js";
import { actionOctokit } from "../github/actionOctokit.js";
import { testOverrides } from "./testOverrides.js";
import { writeSummary } from "./writeSummary.js";
import { withEtagCache } from "../github/withEtagCache.js";
import { primeRepoInfo } from "../github/repoInfo.js";
import { runCaches } from "../github/runCaches.js";
import { trustedCheckout } from "./trustedCheckout.js";
import { withCheckoutFiles } from "./withCheckoutFiles.js";
import { channelSecrets, parseChannelSecretsInput } from "../channels/channelSecrets.js";
import { deployGate } from "./deployGate.js";
import { ALERT_EVENT_TYPE, alertDispatch } from "./alertDispatch.js";

const log: Logger = {
  info: (obj, msg) => core.info(format(obj, msg)),
  warn: (obj, msg) => core.warning(format(obj, msg)),
  error: (obj, msg) => core.error(format(obj, msg)),
  debug: (obj, msg) => core.debug(format(obj, msg)),
};

function format(obj: object | string, msg?: string): string {
  if (typeof obj === "string") return obj;
  const { err, ...rest } = obj as { err?: unknown };
  const detail = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
  return `${msg ?? ""}${detail}${err instanceof Error ? `: ${err.message}` : ""}`;
}

/**
 * The Action: the same reconcilers as the App, fed by the workflow's event (or a `schedule:` sweep).
 * Inputs: token, config (path), dry-run, bot-login, channel-secrets. Fails the step with a message saying what to fix.
 */
export async function runAction(): Promise<void> {
  try {
    const token = core.getInput("token") || process.env.GITHUB_TOKEN || "";
    if (token === "") {
      throw new Error(
        "No token. Pass `token: ${{ secrets.GITHUB_TOKEN }}` (or an App token from actions/create-github-app-token) to the step.",
      );
    }
    // An absent input (a runner tool that does not apply action.yml's defaults) means the default, false;
    // getBooleanInput alone would refuse the empty string as not YAML 1.2.
    const dryRun = core.getInput("dry-run") === "" ? false : core.getBooleanInput("dry-run");
    const botLogin = core.getInput("bot-login") || "github-actions[bot]";
    const configPath = core.getInput("config") || ".github/expedite.yml";
    const baseUrl = process.env.GITHUB_API_URL || "https://api.github.com";
    const overrides = testOverrides();
    // What this run remembers between its requests; the next run (a new process) starts cold.
    const caches = runCaches();
    let octokit = withEtagCache(
      actionOctokit(token, {
        baseUrl,
        log: core,
        dryRun,
        tuning: overrides.tuning,
      }) as unknown as OctokitLike,
      "action",
      caches.etags,
    );
    // Time comes from the runner's clock (the tests pin it: testOverrides).
    const now = overrides.now ?? Date.now();
    const { owner, repo } = context.repo;

    const { defaultBranch, htmlUrl } = repositoryFacts(owner, repo);
    primeRepoInfo(caches, `${owner}/${repo}`, { defaultBranch, htmlUrl });
    // With the default branch checked out (as the shipped workflow does), the configuration and template
    // overrides come from the workspace: one request fewer on every run.
    const checkout = trustedCheckout(process.env.GITHUB_WORKSPACE, { owner, repo }, defaultBranch);
    const fromCheckout: string[] = [];
    if (checkout.trusted)
      octokit = withCheckoutFiles(octokit, { root: checkout.root, owner, repo }, fromCheckout);
    else core.debug(`Settings are read through the API: ${checkout.reason}.`);

    // Channel secrets: the `channel-secrets` input (from `secrets.*`) or EXPEDITE_CHANNEL_* in the step's env.
    // Every value is masked, so not even a library's error message can print one into the log.
    const named = parseChannelSecretsInput(core.getInput("channel-secrets"));
    for (const value of named.values()) core.setSecret(value);
    for (const [variable, value] of Object.entries(process.env))
      if (variable.startsWith("EXPEDITE_CHANNEL_") && value) core.setSecret(value);
    // A dry run's plans, in words: each line goes to the log now and to the job summary at the end.
    const planned: string[] = [];
    const planLog = {
      record(lines: readonly string[]) {
        for (const line of lines) core.info(`[dry-run] ${line}`);
        planned.push(...lines);
      },
    };
    const base: GitHubContext = {
      octokit,
      owner,
      repo,
      botLogin,
      trustedBots: trustedBotsFor(botLogin),
      log,
      caches,
      // Label colours are checked on a manual run and on the scheduled full pass (see sweepRepository).
      ensureLabels: context.eventName === "workflow_dispatch",
      // A dry run writes nothing to GitHub, so it cannot record a send either: it sends nothing.
      ...(dryRun
        ? { dryRun: planLog }
        : {
            outbox: {
              secrets: channelSecrets((variable) => process.env[variable], named),
              timeoutMs: Number(process.env.EXPEDITE_SEND_TIMEOUT_MS) || 10_000,
            },
          }),
    };
    const gate = core.getInput("gate");
    if (gate !== "") {
      if (gate !== "deploy") throw new Error(`Unknown gate "${gate}": the only gate is \`gate: deploy\`.`);
      const settings = await repoSettings(base, configPath);
      if (!settings.ok)
        throw new Error(
          `${configPath} is invalid (${settings.problems.map((p) => `${p.key}: ${p.message}`).join("; ")}); the deploy gate cannot decide. Fix the file and re-run.`,
        );
      const environment = core.getInput("environment");
      await deployGate(
        { ...base, trustedBots: trustedBotsFor(botLogin, settings.config) },
        settings,
        {
          ref: core.getInput("ref") || process.env.GITHUB_REF || "",
          sha: core.getInput("sha") || process.env.GITHUB_SHA || "",
          ...(environment ? { environment } : {}),
        },
        now,
      );
      return;
    }
    if (context.eventName === "repository_dispatch" && context.payload.action === ALERT_EVENT_TYPE) {
      const settings = await repoSettings(base, configPath);
      if (!settings.ok)
        throw new Error(
          `${configPath} is invalid (${settings.problems.map((p) => `${p.key}: ${p.message}`).join("; ")}); the alert was not recorded. Fix the file and send it again.`,
        );
      const gh = { ...base, trustedBots: trustedBotsFor(botLogin, settings.config) };
      await alertDispatch(
        gh,
        settings,
        (context.payload as { client_payload?: unknown }).client_payload,
        now,
      );
      return;
    }
    const targets = targetsOf(context.eventName, context.payload as never, base.trustedBots, {
      pullsFromPayload: true,
    });
    const outcomes: TargetOutcome[] = [];
    if (targets.length > 0) {
      const settings = await repoSettings(base, configPath);
      const gh = settings.ok ? { ...base, trustedBots: trustedBotsFor(botLogin, settings.config) } : base;
      if (!settings.ok) core.error(`Invalid ${configPath}: ${problemsForLog(settings.problems)}`);
      else if (settings.refused)
        core.error(
          `Refused ${configPath}: ${problemsForLog(settings.refused.problems)}. Working from its last valid version (commit ${settings.refused.sha.slice(0, 7)}) until it is fixed.`,
        );
      if (fromCheckout.length > 0)
        core.info(
          `Read ${[...new Set(fromCheckout)].join(", ")} from the checkout of ${defaultBranch ?? "the default branch"}.`,
        );
      for (const target of targets) {
        core.info(`Reconciling ${targetKey(`${owner}/${repo}`, target)}`);
        outcomes.push(await runTarget(gh, settings, target, now));
      }
      // A configuration problem still fails the run, after the work and with the summary, so it is seen.
      const failWith = async (problems: Parameters<typeof writeSummary>[1], message: string) => {
        await writeSummary(outcomes, problems);
        core.setOutput("writes", String(outcomes.reduce((n, o) => n + o.writes, 0)));
        throw new Error(message);
      };
      const summary = { owner, repo, event: context.eventName, dryRun, planned };
      if (!settings.ok)
        await failWith(
          { ...summary, configProblems: settings.problems },
          `${configPath} is invalid; see the errors above and the comment on the incident. Fix the file and re-run.`,
        );
      else if (settings.refused)
        // The work is done under the last valid settings.
        await failWith(
          { ...summary, configProblems: settings.refused.problems, usingVersionOf: settings.refused.sha },
          `${configPath} is refused; Expedite worked from its last valid version (commit ${settings.refused.sha.slice(0, 7)}). Fix the file.`,
        );
    } else {
      core.info(
        `Nothing to do for ${context.eventName}${context.payload.action ? `.${context.payload.action}` : ""}.`,
      );
    }
    const writes = outcomes.reduce((n, o) => n + o.writes, 0);
    core.setOutput("writes", String(writes));
    core.setOutput("targets", String(outcomes.length));
    await writeSummary(outcomes, { owner, repo, event: context.eventName, dryRun, planned });
  } catch (error) {
    core.setFailed(`Expedite failed: ${explain(error)}`);
  }
}

/**
 * Default branch and web address without a request. A `schedule` event's payload carries no repository,
 * but such runs are always on the default branch, so GITHUB_REF names it.
 */
function repositoryFacts(owner: string, repo: string): { defaultBranch?: string; htmlUrl: string } {
  const repository = context.payload.repository as { default_branch?: string; html_url?: string } | undefined;
  const ref = process.env.GITHUB_REF ?? "";
  const defaultBranch =
    repository?.default_branch ??
    (context.eventName === "schedule" && ref.startsWith("refs/heads/")
      ? ref.slice("refs/heads/".length)
      : undefined);
  const server = (process.env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  return {
    ...(defaultBranch ? { defaultBranch } : {}),
    htmlUrl: repository?.html_url ?? `${server}/${owner}/${repo}`,
  };
}

/** Turns API failures into what to do about them. */
function explain(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  const status = (error as { status?: number }).status;
  if (status === 401)
    return `${message}. GitHub refused the token: check the \`token\` input (an expired App token, or a secret that is not set).`;
  if (status === 403 && fromFork())
    return `${message}. This run is for a pull request from a fork, and GitHub gives such runs a read-only token whatever the workflow's \`permissions:\` say, so adding permissions will not help. The scheduled sweep writes the freeze check within about 30 minutes; to have it at once, trigger the workflow on \`pull_request_target\` (safe here only because the workflow never checks out the pull request's code). See docs/action.md, "Pull requests from forks".`;
  if (status === 403)
    return `${message}. The token lacks a permission: give the workflow \`permissions:\` issues: write, pull-requests: write, checks: write and contents: write.`;
  if (status === 404)
    return `${message}. The token cannot see this repository or object; check the token's repository access.`;
  return message;
}

/** Whether this run is for a pull request whose head lives in another repository (a fork). */
function fromFork(): boolean {
  const pull = context.payload.pull_request as
    { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } | undefined;
  const head = pull?.head?.repo?.full_name;
  const base = pull?.base?.repo?.full_name;
  return head !== undefined && base !== undefined && head.toLowerCase() !== base.toLowerCase();
}
