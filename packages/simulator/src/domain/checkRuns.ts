import { HttpError, validationFailed } from "../http/httpError.js";
import { renderCheckRun } from "../render/checkRun.js";
import type { CheckRunRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import type { Actor } from "./actor.js";

export interface CheckRunInput {
  name?: string;
  head_sha?: string;
  status?: CheckRunRecord["status"];
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  details_url?: string;
  external_id?: string;
  output?: { title?: string; summary?: string; text?: string };
}

function parseTime(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}

function applyInput(world: World, run: CheckRunRecord, input: CheckRunInput): void {
  if (input.name !== undefined) run.name = input.name;
  if (input.details_url !== undefined) run.detailsUrl = input.details_url;
  if (input.external_id !== undefined) run.externalId = input.external_id;
  if (input.output) {
    if (input.output.title !== undefined) run.output.title = input.output.title;
    if (input.output.summary !== undefined) run.output.summary = input.output.summary;
    if (input.output.text !== undefined) run.output.text = input.output.text;
  }
  if (input.started_at !== undefined) run.startedAt = parseTime(input.started_at) ?? null;
  // A conclusion completes the run, whatever status says (GitHub's rule).
  if (input.conclusion !== undefined) {
    run.status = "completed";
    run.conclusion = input.conclusion;
    run.completedAt = parseTime(input.completed_at) ?? world.now();
  } else if (input.status !== undefined) {
    if (input.status === "completed")
      throw validationFailed("Conclusion can't be blank when status is completed");
    run.status = input.status;
    if (run.startedAt === null && input.status === "in_progress") run.startedAt = world.now();
  }
}

function emitCheckRun(world: World, run: CheckRunRecord, action: string, actor: Actor): void {
  const repo = world.repoById(run.repoId);
  emitEvent(world, repo, "check_run", action, actor.login, {
    check_run: renderCheckRun(world, run, "webhook"),
  });
}

export function createCheckRun(
  world: World,
  repo: RepoRecord,
  appId: number,
  input: CheckRunInput,
  actor: Actor,
): CheckRunRecord {
  if (!input.name) throw validationFailed({ resource: "CheckRun", code: "missing_field", field: "name" });
  const sha = input.head_sha?.toLowerCase() ?? "";
  if (!repo.commits.has(sha)) throw validationFailed(`No commit found for SHA: ${input.head_sha ?? ""}`);
  const suiteKey = `${appId}:${sha}`;
  let suiteId = repo.checkSuites.get(suiteKey);
  if (suiteId === undefined) {
    suiteId = world.ids.next("checkSuite");
    repo.checkSuites.set(suiteKey, suiteId);
  }
  const run: CheckRunRecord = {
    id: world.ids.next("checkRun"),
    repoId: repo.id,
    suiteId,
    appId,
    name: input.name,
    headSha: sha,
    status: "queued",
    conclusion: null,
    startedAt: world.now(),
    completedAt: null,
    output: { title: null, summary: null, text: null },
    externalId: null,
    detailsUrl: null,
  };
  applyInput(world, run, input);
  world.checkRuns.set(run.id, run);
  emitCheckRun(world, run, "created", actor);
  if (run.status === "completed") emitCheckRun(world, run, "completed", actor);
  return run;
}

export function requireCheckRun(world: World, repo: RepoRecord, id: number): CheckRunRecord {
  const run = world.checkRuns.get(id);
  if (!run || run.repoId !== repo.id) throw new HttpError(404, "Not Found");
  return run;
}

export function updateCheckRun(
  world: World,
  run: CheckRunRecord,
  appId: number,
  input: CheckRunInput,
  actor: Actor,
): void {
  // Only the App that created a check run may change it.
  if (run.appId !== appId) throw new HttpError(403, "Invalid app_id for check run");
  const wasCompleted = run.status === "completed";
  applyInput(world, run, input);
  if (!wasCompleted && run.status === "completed") emitCheckRun(world, run, "completed", actor);
}
