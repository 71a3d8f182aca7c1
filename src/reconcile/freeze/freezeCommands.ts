import type { Config } from "../../core/config/schema.js";
import type { Permission } from "../../core/snapshot.js";
import type { FreezeCommandsPlan, FreezeCommandsRead } from "../../core/freeze/planFreezeCommands.js";
import { freezeStartedReply, planFreezeCommands } from "../../core/freeze/planFreezeCommands.js";
import { describeFreezeCommandsPlan, plannedCommandWrites } from "../../core/plan/describePlan.js";
import type { GitHubContext } from "../../github/types.js";
import { permissionOf } from "../../github/permissionOf.js";
import { createCommentOnce } from "../../github/writeComments.js";
import { closeIssue, createIssueOnce, listIssues } from "../../github/issues.js";
import { writeLabels } from "../../github/writeLabels.js";
import { listComments } from "../../github/listComments.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";
import type { FreezeInputs } from "./freezeInputs.js";

/**
 * `/freeze`, `/unfreeze` (and `/help` on a pull request) typed on one issue or pull request: read → plan
 * (core/freeze/planFreezeCommands.ts) → apply; in a dry run the plan is told to `gh.dryRun` instead.
 * Returns the writes made and whether freezes changed (so pull requests get re-evaluated).
 */
export async function runFreezeCommands(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  number: number,
  now: number,
  where: "pull-request" | "incident" | "issue" = "issue",
): Promise<{ writes: number; changed: boolean }> {
  const comments = await listComments(gh, number);
  const read: FreezeCommandsRead = {
    number,
    where,
    comments: comments.map((c) => ({
      id: c.id,
      author: c.author,
      body: c.body,
      at: c.createdAt,
      url: c.url,
    })),
    freezeIssues: inputs.freezeIssues,
    trustedBots: gh.trustedBots,
  };
  let planned = planFreezeCommands(read, config, now);
  if (planned.needs) {
    // Only the roles of those whose commands are still unanswered.
    const permissions = new Map<string, Permission>();
    for (const login of planned.needs.permissions) await permissionOf(gh, login, permissions);
    planned = planFreezeCommands({ ...read, permissions }, config, now);
  }
  if (!planned.plan)
    throw new Error(`the freeze commands of #${number} still need ${JSON.stringify(planned.needs)}`);
  if (gh.dryRun) {
    // Nothing changed on GitHub, so nothing else is re-checked; the plan says what would be.
    gh.dryRun.record(describeFreezeCommandsPlan(planned.plan));
    return { writes: plannedCommandWrites(planned.plan), changed: false };
  }
  return applyFreezeCommands(gh, config, planned.plan);
}

async function applyFreezeCommands(
  gh: GitHubContext,
  config: Config,
  plan: FreezeCommandsPlan,
): Promise<{ writes: number; changed: boolean }> {
  let writes = 0;
  for (const step of plan.steps) {
    switch (step.kind) {
      case "reply":
        await createCommentOnce(gh, plan.number, step.identity, step.body);
        writes++;
        break;
      case "freeze": {
        await ensureRepoLabels(gh, config, [config.labels.freeze]);
        const issue = await openFreezeIssueOnce(gh, config, step.issue, step.source);
        const body = freezeStartedReply(step, issue, config.business_hours.timezone);
        await createCommentOnce(gh, plan.number, step.identity, body);
        writes += 2;
        break;
      }
      case "unfreeze":
        for (const target of step.close) {
          await closeIssue(gh, target.number, "completed");
          if (target.heldFor !== undefined)
            await writeLabels(gh, target.heldFor, [], [config.labels.freeze_held]);
        }
        await createCommentOnce(gh, plan.number, step.identity, step.body);
        writes += step.close.length + 1;
        break;
    }
  }
  return { writes, changed: plan.changed };
}

/** The freeze issue for one command: found by the command's URL in its body, else created once. */
async function openFreezeIssueOnce(
  gh: GitHubContext,
  config: Config,
  rendered: { title: string; body: string },
  source: string,
): Promise<number> {
  const find = async () => {
    const issues = await listIssues(gh, { labels: config.labels.freeze, state: "all" });
    const found = issues.find(
      (i) => gh.trustedBots.has((i.user?.login ?? "").toLowerCase()) && (i.body ?? "").includes(source),
    );
    return found ? { number: found.number, url: found.html_url } : undefined;
  };
  const existing = await find();
  if (existing) return existing.number;
  return (await createIssueOnce(gh, { ...rendered, labels: [config.labels.freeze], find })).number;
}
