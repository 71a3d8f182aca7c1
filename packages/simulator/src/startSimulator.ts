import { changeInstallationRepos } from "./domain/installationRepos.js";
// Assembles the simulator: state, HTTP server on loopback, webhook queue, validators, and the
// Simulator facade tests drive.
import { type Server, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  ACTIONS_APP,
  addTeam,
  addUser,
  createRepo,
  installApp,
  issueToken,
  registerActionsApp,
  registerApp,
  setPermission,
} from "./domain/setup.js";
import { emitProtectionRuleRequest, requestDeployment } from "./domain/deployments.js";
import { enqueueMergeGroup } from "./domain/mergeGroups.js";
import { isoTime } from "./world/isoTime.js";
import { requirePull } from "./domain/pulls.js";
import { commitFiles } from "./domain/refs.js";
import { FaultBook } from "./http/faults.js";
import { type Pipeline, handleRequest } from "./http/handleRequest.js";
import { RateLimiter } from "./http/rateLimiter.js";
import { Router } from "./http/router.js";
import { fileAt, filesAt, simCheckRun, simComments, simIssue, simPull } from "./inspect.js";
import { SERVED_OPERATIONS } from "./openapi/servedOperations.js";
import { handlers } from "./routes/index.js";
import type { Role, Simulator, SimulatorOptions, WebhookTarget } from "./types.js";
import { OpenApiValidator } from "./validation/openApiValidator.js";
import { operationsDocument } from "./validation/operationsDocument.js";
import { WebhookValidator } from "./validation/webhookValidator.js";
import { DeliveryQueue } from "./webhooks/deliveryQueue.js";
import { seededRandom } from "./world/seededRandom.js";
import { World } from "./world/world.js";

const HOUR_MS = 3_600_000;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? Date.now;
  const world = new World(clock);
  registerActionsApp(world);
  for (const app of options.apps ?? []) registerApp(world, app);

  const validationErrors: string[] = [];
  const webhookValidator = WebhookValidator.shared();
  const firstApp = options.apps?.[0];
  const queue = new DeliveryQueue(clock, seededRandom(options.seed ?? 1), () =>
    firstApp ? { id: String(firstApp.id), type: "integration" } : { id: "1", type: "repository" },
  );
  queue.target = options.webhook;
  world.hookLog = queue;
  const hasApps = (options.apps?.length ?? 0) > 0;
  world.webhookSink = (event, payload) => {
    for (const problem of webhookValidator.validate(event, payload)) {
      validationErrors.push(
        `webhook ${event}${typeof payload.action === "string" ? `.${payload.action}` : ""}: ${problem}`,
      );
    }
    // An App's webhook only hears about repositories it is installed on.
    if (hasApps && payload.installation === undefined) return;
    queue.enqueue(event, payload);
  };

  const requests: Simulator["requests"] = [];
  const pipeline: Pipeline = {
    world,
    router: new Router(operationsDocument().operations, SERVED_OPERATIONS),
    handlers,
    validator: options.validate === false ? undefined : OpenApiValidator.shared(),
    rateLimiter: new RateLimiter(clock, options.enforceRateLimits ?? true),
    faults: new FaultBook(),
    requests,
    validationErrors,
    installationTokenTtlMs: options.installationTokenTtlMs ?? HOUR_MS,
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handleRequest(pipeline, req, res).catch((error: unknown) => {
      validationErrors.push(`simulator crashed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  world.baseUrl = url;

  const repoNamed = (fullName: string) => world.repo(fullName);
  const actionsTokens = new Map<number, string>();
  const userTokens = new Map<string, string>();

  const simulator: Simulator = {
    url,
    async close() {
      queue.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setWebhook(target: WebhookTarget | undefined) {
      queue.target = target;
    },

    createRepo(input) {
      createRepo(world, input);
    },
    addUser(login, userOptions) {
      addUser(world, login, userOptions);
    },
    setPermission(repoFullName: string, login: string, role: Role) {
      setPermission(world, repoFullName, login, role);
    },
    addTeam(org, slug, members) {
      addTeam(world, org, slug, members);
    },
    installApp(appId, owner, repoFullNames) {
      return installApp(world, appId, owner, repoFullNames);
    },
    changeInstallationRepos(installationId, change, sender) {
      changeInstallationRepos(world, installationId, change, sender);
    },
    tokenFor(login) {
      const user = world.requireUser(login);
      let token = userTokens.get(user.login.toLowerCase());
      if (!token) {
        token = issueToken(world, "ghp", { kind: "user", login: user.login });
        userTokens.set(user.login.toLowerCase(), token);
      }
      return token;
    },
    actionsToken(repoFullName) {
      const repo = world.requireRepo(repoFullName);
      let token = actionsTokens.get(repo.id);
      if (!token) {
        token = issueToken(world, "ghs", {
          kind: "actions",
          login: ACTIONS_APP.botLogin,
          repoId: repo.id,
          appId: ACTIONS_APP.id,
        });
        actionsTokens.set(repo.id, token);
      }
      return token;
    },
    setRequiredChecks(repoFullName, branch, checks) {
      world.requireRepo(repoFullName).requiredChecks.set(
        branch,
        checks.map((c) => ({ ...c })),
      );
    },

    pushCommit(input) {
      const repo = world.requireRepo(input.repo);
      const author = addUser(world, input.author);
      return commitFiles(
        world,
        repo,
        {
          branch: input.branch,
          changes: input.files,
          message: input.message ?? "Update files",
          author: author.login,
        },
        { login: author.login },
      );
    },
    enqueueMergeGroup(repoFullName, pullNumber, actor) {
      const repo = world.requireRepo(repoFullName);
      const issue = requirePull(repo, pullNumber);
      return enqueueMergeGroup(world, repo, issue, { login: actor ?? issue.user });
    },
    requestDeployment(repoFullName, input) {
      const repo = world.requireRepo(repoFullName);
      const ref = input.ref ?? repo.defaultBranch;
      const sha = input.sha ?? repo.refs.get(`heads/${ref}`) ?? repo.refs.get(`heads/${repo.defaultBranch}`);
      const appId = input.appId ?? firstApp?.id;
      if (sha === undefined || appId === undefined)
        throw new Error("simulator: requestDeployment needs a commit and an App that owns the rule");
      const run = requestDeployment(world, repo, {
        appId,
        environment: input.environment,
        ref,
        sha,
        event: input.event ?? "push",
        actor: input.actor,
      });
      return { runId: run.runId, deploymentId: run.deploymentId, sha };
    },
    redeliverDeploymentRequest(repoFullName, runId) {
      const repo = world.requireRepo(repoFullName);
      const run = world.deploymentRuns.get(runId);
      if (!run) throw new Error(`simulator: no deployment run ${runId}`);
      emitProtectionRuleRequest(world, repo, run);
    },

    requests,
    writes: () => requests.filter((r) => r.method !== "GET" && r.method !== "HEAD"),
    clearLog() {
      requests.length = 0;
    },
    deliveries: queue.deliveries,
    validationErrors,
    issue(repoFullName, number) {
      const repo = repoNamed(repoFullName);
      const issue = repo?.issues.get(number);
      return repo && issue ? simIssue(repo, issue) : undefined;
    },
    issues(repoFullName) {
      const repo = repoNamed(repoFullName);
      return repo ? [...repo.issues.values()].map((i) => simIssue(repo, i)) : [];
    },
    comments(repoFullName, number) {
      const issue = repoNamed(repoFullName)?.issues.get(number);
      return issue ? simComments(world, issue) : [];
    },
    pull(repoFullName, number) {
      const repo = repoNamed(repoFullName);
      const issue = repo?.issues.get(number);
      return repo && issue ? simPull(repo, issue) : undefined;
    },
    checkRuns(repoFullName, sha) {
      const repo = repoNamed(repoFullName);
      if (!repo) return [];
      return [...world.checkRuns.values()]
        .filter((r) => r.repoId === repo.id && r.headSha === sha)
        .map(simCheckRun);
    },
    deploymentRun(runId) {
      const run = world.deploymentRuns.get(runId);
      return run
        ? {
            runId: run.runId,
            environment: run.environment,
            ref: run.ref,
            sha: run.sha,
            state: run.state,
            reviews: run.reviews.map((r) => ({ ...r, at: isoTime(r.at) })),
          }
        : undefined;
    },
    branchSha(repoFullName, branch) {
      return repoNamed(repoFullName)?.refs.get(`heads/${branch}`);
    },
    file(repoFullName, ref, path) {
      const repo = repoNamed(repoFullName);
      return repo ? fileAt(repo, ref, path) : undefined;
    },
    files(repoFullName, ref) {
      const repo = repoNamed(repoFullName);
      return repo ? filesAt(repo, ref) : [];
    },

    addFault(rule) {
      pipeline.faults.add(rule);
    },
    clearFaults() {
      pipeline.faults.clear();
    },
    setWebhookFaults(faults) {
      queue.faults = { ...faults };
    },
    pauseWebhooks() {
      queue.pause();
    },
    resumeWebhooks() {
      queue.resume();
    },
    deliveriesIdle() {
      return queue.idle();
    },
  };
  return simulator;
}
