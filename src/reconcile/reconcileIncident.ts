import type { Config } from "../core/config/schema.js";
import type { Permission, IssueSnapshot } from "../core/snapshot.js";
import type { Templates } from "../core/render/templates.js";
import { projectIncident } from "../core/projection/projectIncident.js";
import type { Projection } from "../core/projection/projectIncident.js";
import { planIncident } from "../core/plan/planIncident.js";
import type { IncidentPlan } from "../core/plan/planIncident.js";
import { botCommentsFrom, latestByIdentity } from "../core/plan/botComments.js";
import { readLedger } from "../core/plan/commandLedger.js";
import { rolesToLookUp } from "../core/plan/rolesToLookUp.js";
import { commandComments } from "../core/projection/commandComments.js";
import type { GitHubContext } from "../github/types.js";
import { readIssue } from "../github/readIssue.js";
import { readTimeline } from "../github/readTimeline.js";
import { permissionOf } from "../github/permissionOf.js";
import { writeLabels } from "../github/writeLabels.js";
import { ensureRepoLabels } from "../github/ensureRepoLabels.js";
import { createCommentOnce, updateComment, deleteComment } from "../github/writeComments.js";
import { ensureReaction } from "../github/ensureReaction.js";
import { findGaps } from "../core/projection/findGaps.js";
import { currentIssue } from "../core/projection/currentIssue.js";
import type { ConfigProblem, RefusedConfig } from "../core/config/parseConfig.js";
import { isFreezing } from "./isFreezing.js";
import { planNotices } from "../core/clocks/planNotices.js";
import { nextDeadline } from "../core/clocks/nextDeadline.js";
import { ensureDeviationFollowups } from "./ensureDeviationFollowups.js";
import { applyPostmortem } from "./postmortem/applyPostmortem.js";
import { explainPostmortemFailure } from "./postmortem/explainPostmortemFailure.js";

export interface IncidentOutcome {
  number: number;
  skipped?: "not-an-incident" | "pull-request";
  projection?: Projection;
  plan?: IncidentPlan;
  /** Writes made (labels, assignees, comments, reactions, deletions, close). */
  writes: number;
  /** The change may alter freeze verdicts (a freeze issue, or a freezing incident whose state moved). */
  freezeRelevant?: boolean;
}

/**
 * read → project → plan → apply for one incident issue. Safe to run any number of times. `hint` is the
 * issue as the event or the sweep's listing showed it: its title and body are used as they are, while
 * labels, assignees and open/closed come from the timeline read now, so a stale payload cannot mislead.
 */
export async function reconcileIncident(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  number: number,
  now: number,
  permissions: Map<string, Permission> = new Map(),
  hint?: IssueSnapshot,
  templateProblems: readonly ConfigProblem[] = [],
  refused?: RefusedConfig,
): Promise<IncidentOutcome> {
  const freezeLabel = config.labels.freeze.toLowerCase();
  if (hint && (hint.isPullRequest || !isIncident(hint, config))) {
    // The event's own view is enough to see that this is not an incident (labels only grow into one by
    // an event of their own, which brings a fresh payload).
    if (hint.isPullRequest) return { number, skipped: "pull-request", writes: 0 };
    return {
      number,
      skipped: "not-an-incident",
      writes: 0,
      freezeRelevant: hint.labels.some((l) => l.toLowerCase() === freezeLabel),
    };
  }
  const events = await readTimeline(gh, number);
  const issue = hint ? currentIssue(hint, events) : await readIssue(gh, number);
  if (issue.isPullRequest) return { number, skipped: "pull-request", writes: 0 };
  if (!isIncident(issue, config)) {
    return {
      number,
      skipped: "not-an-incident",
      writes: 0,
      freezeRelevant: issue.labels.some((l) => l.toLowerCase() === freezeLabel),
    };
  }

  // Every command is judged afresh on every reconcile, from its text now and its author's role now. The
  // board remembers roles it read, so only the people behind new or edited commands need a look-up
  // (cached per reconcile and per sweep).
  const botComments = botCommentsFrom(events, gh.trustedBots);
  const board = latestByIdentity(botComments).get("board");
  const ledger = readLedger(board);
  const { known, lookUp } = rolesToLookUp(commandComments(events, gh.trustedBots, config), ledger, config);
  const fetched = new Map<string, Permission>();
  for (const login of lookUp) fetched.set(login, await permissionOf(gh, login, permissions));
  const projection = projectIncident(issue, events, config, {
    trustedBots: gh.trustedBots,
    permissions: new Map([...known, ...fetched]),
    fetched,
    ledger,
    now,
  });
  let writes = 0;
  try {
    writes += await applyPostmortem(gh, config, templates, projection.incident, now);
  } catch (error) {
    // The board, labels and clocks must keep working even when the post-mortem cannot be opened (a token
    // without pull-request rights, a protected branch): show it and let the next reconcile try again.
    gh.log.error({ err: error, issue: number }, "could not open the post-mortem pull request");
    projection.incident.postmortemError = explainPostmortemFailure(error);
  }
  try {
    writes += await ensureDeviationFollowups(gh, config, templates, projection.incident);
  } catch (error) {
    // Likewise: a follow-up that cannot be opened now is opened by a later reconcile.
    gh.log.error({ err: error, issue: number }, "could not open the follow-up issues for its shortcuts");
  }
  projection.incident.gaps = findGaps(projection.incident, config);
  projection.incident.timeline.sort((a, b) => a.at - b.at);
  const owed = gh.onIncident ? planNotices(projection.incident, config, now) : [];
  const plan = planIncident({
    issue,
    projection,
    config,
    now,
    botComments,
    templates,
    templateProblems,
    ...(refused ? { refused } : {}),
  });
  const plusOnes = new Map(
    events.flatMap((e) => (e.type === "commented" ? [[e.comment.id, e.comment.plusOnes] as const] : [])),
  );
  writes += await applyIncidentPlan(gh, config, issue, plan, plusOnes);
  const nextDeadlineAt = gh.onIncident ? nextDeadline(projection.incident, config, now) : undefined;
  gh.onIncident?.({
    repo: { owner: gh.owner, repo: gh.repo },
    number,
    now,
    notices: owed.map((n) => ({ kind: n.kind, dueAt: n.dueAt })),
    ...(nextDeadlineAt !== undefined ? { nextDeadlineAt } : {}),
  });
  // Pull requests need re-checking only when this incident starts or stops freezing merges.
  const freezeRelevant = isFreezing(issue, config) !== isFreezing(projection.incident, config);
  return { number, projection, plan, writes, freezeRelevant };
}

export function isIncident(issue: IssueSnapshot, config: Config): boolean {
  const label = config.labels.incident.toLowerCase();
  return !issue.isPullRequest && issue.labels.some((l) => l.toLowerCase() === label);
}

async function applyIncidentPlan(
  gh: GitHubContext,
  config: Config,
  issue: IssueSnapshot,
  plan: IncidentPlan,
  plusOnes: ReadonlyMap<number, number>,
): Promise<number> {
  let writes = 0;
  for (const commentId of plan.react) {
    if (await ensureReaction(gh, commentId, plusOnes.get(commentId) ?? 0)) writes++;
  }
  if (plan.labels.add.length > 0 || plan.labels.remove.length > 0) {
    await ensureRepoLabels(gh, config);
    await writeLabels(gh, issue.number, plan.labels.add, plan.labels.remove);
    writes += (plan.labels.add.length > 0 ? 1 : 0) + plan.labels.remove.length;
  }
  if (plan.assign.length > 0) {
    await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
      owner: gh.owner,
      repo: gh.repo,
      issue_number: issue.number,
      assignees: plan.assign,
    });
    writes++;
  }
  // Replies and notices first, the board and checklist last: the board's edit time marks what was answered.
  const ordered = [...plan.comments].sort((a, b) => rank(a.identity) - rank(b.identity));
  for (const comment of ordered) {
    if (comment.id === undefined) await createCommentOnce(gh, issue.number, comment.identity, comment.body);
    else await updateComment(gh, comment.id, comment.body);
    writes++;
  }
  for (const id of plan.deleteComments) {
    await deleteComment(gh, id);
    writes++;
  }
  if (plan.close) {
    await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: gh.owner,
      repo: gh.repo,
      issue_number: issue.number,
      state: "closed",
      state_reason: plan.close,
    });
    writes++;
  }
  if (writes > 0) gh.log.info({ issue: issue.number, writes }, "incident reconciled");
  return writes;
}

function rank(identity: string): number {
  return identity === "board" ? 2 : identity === "checklist" ? 1 : 0;
}
