import type { Config } from "../../core/config/schema.js";
import type { FreezeVerdict } from "../../core/freeze/types.js";
import type { PullPlan, PullRead } from "../../core/freeze/planPull.js";
import { approvalKey, planPull } from "../../core/freeze/planPull.js";
import { describePullPlan, plannedWrites } from "../../core/plan/describePlan.js";
import { visibleText } from "../../core/text/visibleText.js";
import type { Templates } from "../../core/render/templates.js";
import type { GitHubContext } from "../../github/types.js";
import type { PullSummary } from "../../github/pulls.js";
import { changedFiles } from "../../github/pulls.js";
import type { IssueComment } from "../../github/listComments.js";
import { listComments } from "../../github/listComments.js";
import { ourRuns, writeCheck } from "../../github/checkRuns.js";
import { createCommentOnce, deleteComment } from "../../github/writeComments.js";
import { upsertMarkedComment } from "../../github/upsertMarkedComment.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";
import { headAt } from "../../github/headAt.js";
import { referencedNumbers } from "../targetsOf.js";
import { deliverNews } from "../deliverNews.js";
import { fixLabelAdder } from "./fixLabelAdder.js";
import type { FreezeInputs } from "./freezeInputs.js";
import { isApprover } from "./isApprover.js";

export interface PullOutcome {
  verdict: FreezeVerdict;
  writes: number;
}

/**
 * The freeze check of one open pull request: read → plan (core/freeze/planPull.ts) → apply. In a dry run
 * the plan is told to `gh.dryRun` and nothing is written.
 */
export async function reconcilePull(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  inputs: FreezeInputs,
  pr: PullSummary,
  now: number,
): Promise<PullOutcome> {
  const { read, listed, plan } = await readAndPlan(gh, config, inputs, pr, now);
  if (gh.dryRun) {
    gh.dryRun.record(describePullPlan(plan));
    return { verdict: plan.verdict, writes: plannedWrites(plan) };
  }
  const writes = await applyPullPlan(gh, config, templates, plan, { pr, listed, runs: read.runs }, now);
  return { verdict: plan.verdict, writes };
}

/** Reads what planPull asks for, round by round, until it can decide. */
async function readAndPlan(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  pr: PullSummary,
  now: number,
): Promise<{ read: PullRead; listed: IssueComment[]; plan: PullPlan }> {
  let read: PullRead = {
    pr: {
      number: pr.number,
      url: pr.url,
      baseRef: pr.baseRef,
      headSha: pr.headSha,
      title: pr.title,
      body: pr.body,
      labels: pr.labels,
      // Only what a reader sees refers to an incident: not an HTML comment, not `#1` in code.
      references: referencedNumbers(`${visibleText(pr.title)}\n${visibleText(pr.body)}`),
    },
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
    runs: await ourRuns(gh, config.freeze.check_name, pr.headSha),
    botLogin: gh.botLogin,
    trustedBots: gh.trustedBots,
  };
  let listed: IssueComment[] = [];
  // Comments, then approvers' standing, then pushed heads: a few rounds at most; more would be a bug.
  for (let round = 0; ; round++) {
    const { plan, needs } = planPull(read, config, now);
    if (plan) return { read, listed, plan };
    if (round === 5)
      throw new Error(`the freeze plan of #${pr.number} keeps asking for more: ${JSON.stringify(needs)}`);
    if (needs.comments) {
      listed = await listComments(gh, pr.number);
      read = {
        ...read,
        comments: listed.map((c) => ({
          id: c.id,
          author: c.author,
          body: c.body,
          at: c.createdAt,
          updatedAt: c.updatedAt,
        })),
      };
    }
    if (needs.files) read = { ...read, files: (await changedFiles(gh, pr.number)) ?? null };
    if (needs.fixLabelAdder)
      read = { ...read, fixLabelAdder: (await fixLabelAdder(gh, config, pr.number)) ?? null };
    if (needs.approvals.length > 0) {
      const approvals = new Map(read.approvals);
      for (const { login, at } of needs.approvals)
        approvals.set(approvalKey(login, at), await isApprover(gh, config, login, at));
      read = { ...read, approvals };
    }
    if (needs.heads.length > 0) {
      const heads = new Map(read.heads);
      for (const at of needs.heads) heads.set(at, await headAt(gh, pr, at));
      read = { ...read, heads };
    }
  }
}

/** Writes the plan through the gateway, in its order; returns the writes made. */
async function applyPullPlan(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  plan: PullPlan,
  seen: { pr: PullSummary; listed: IssueComment[]; runs: PullRead["runs"] },
  now: number,
): Promise<number> {
  let writes = 0;
  for (const reply of plan.replies) {
    await createCommentOnce(gh, plan.number, reply.identity, reply.body);
    writes++;
  }
  for (const audit of plan.audits)
    if (await upsertMarkedComment(gh, audit.issue, audit.identity, audit.body)) writes++;
  for (const id of plan.deleteComments) {
    await deleteComment(gh, id);
    writes++;
  }
  // Made the first time it is needed, in both modes.
  if (plan.ensureLabels.length > 0) await ensureRepoLabels(gh, config, plan.ensureLabels, { force: true });
  if (plan.check) {
    const { name, sha, output, detailsUrl } = plan.check;
    if (await writeCheck(gh, name, sha, output, detailsUrl, { runs: seen.runs })) writes++;
  }
  writes += await deliverNews(gh, config, templates, seen.pr, seen.listed, plan.news, now);
  return writes;
}
