import type { Config } from "../core/config/schema.js";
import type { Settings } from "../core/config/settings.js";
import type { Permission, IssueSnapshot } from "../core/snapshot.js";
import type { Incident } from "../core/types.js";
import type { Projection } from "../core/projection/projectIncident.js";
import { planIncident } from "../core/plan/planIncident.js";
import type { IncidentPlan } from "../core/plan/planIncident.js";
import { botCommentsFrom, latestByIdentity } from "../core/plan/botComments.js";
import type { GitHubContext } from "../github/types.js";
import { readIssue } from "../github/readIssue.js";
import { readTimeline } from "../github/readTimeline.js";
import { writeLabels } from "../github/writeLabels.js";
import { ensureRepoLabels } from "../github/ensureRepoLabels.js";
import { createCommentOnce, updateComment, deleteComment } from "../github/writeComments.js";
import { ensureReaction } from "../github/ensureReaction.js";
import { addAssignees, closeIssue, removeAssignees } from "../github/issues.js";
import { currentIssue } from "../core/projection/currentIssue.js";
import { isIncident } from "../core/projection/isIncident.js";
import { isFreezing } from "../core/freeze/isFreezing.js";
import { planNotices } from "../core/clocks/planNotices.js";
import { nextDeadline } from "../core/clocks/nextDeadline.js";
import { planMessages } from "../core/channels/planMessages.js";
import type { PlannedMessage } from "../core/channels/types.js";
import { renderBoard } from "../core/board/renderBoard.js";
import type { BotComment } from "../core/plan/botComments.js";
import { deliverMessages } from "./deliverMessages.js";
import { projectWithRoles } from "./projectWithRoles.js";
import { findPostmortem } from "./postmortem/findPostmortem.js";
import { closeHoldRecords, ensureHoldRecord } from "./freeze/holdRecords.js";
import { nextMessageDeadline } from "../core/channels/nextMessageDeadline.js";

export interface IncidentOutcome {
  number: number;
  skipped?: "not-an-incident" | "pull-request";
  /** The incident as this reconcile left it. */
  incident?: Incident;
  plan?: IncidentPlan;
  /** Writes made (labels, assignees, comments, reactions, deletions, close). */
  writes: number;
  /** The change may alter freeze verdicts (a freeze issue, or a freezing incident whose state moved). */
  freezeRelevant?: boolean;
}

export interface IncidentRun {
  now: number;
  /** Roles read so far in this run (a sweep shares them between incidents), by lower-case login. */
  permissions?: Map<string, Permission>;
  /**
   * The issue as the event or the sweep's listing showed it: its title and body are used as they are,
   * while labels, assignees and open/closed come from the timeline read now, so a stale payload cannot mislead.
   */
  hint?: IssueSnapshot;
}

/**
 * read → project → plan → apply for one incident issue. Safe to run any number of times. What the incident
 * needs beyond its issue (the post-mortem pull request, follow-up issues) is made and found first and
 * projected with the rest; everything else is decided by the pure plan and written after it.
 */
export async function reconcileIncident(
  gh: GitHubContext,
  settings: Settings,
  number: number,
  run: IncidentRun,
): Promise<IncidentOutcome> {
  const { config, templates } = settings;
  const { now, hint } = run;
  const permissions = run.permissions ?? new Map<string, Permission>();
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

  const botComments = botCommentsFrom(events, gh.trustedBots);
  const input = { config, issue, events, botComments, now, permissions };
  const first = await projectWithRoles(gh, input);
  const found = await findPostmortem(gh, config, templates, first.incident, now);
  // Projected again with what was found (the roles are all read by now): no rule is applied twice.
  const projection = found.findings
    ? await projectWithRoles(gh, { ...input, findings: found.findings })
    : first;
  let writes = found.writes;
  const owed = gh.onIncident ? planNotices(projection.incident, config, now) : [];
  const plan = planIncident({
    issue,
    projection,
    config,
    now,
    botComments,
    templates,
    templateProblems: settings.templateProblems,
    ...(settings.refused ? { refused: settings.refused } : {}),
  });
  const plusOnes = new Map(
    events.flatMap((e) => (e.type === "commented" ? [[e.comment.id, e.comment.plusOnes] as const] : [])),
  );
  // Messages are planned from the incident as this reconcile leaves it (a notice it posts is an occasion).
  // The projection read the delivery records from the bot's comments already.
  const deliveries = new Map((projection.incident.deliveries ?? []).map((d) => [d.message, d] as const));
  const messages: PlannedMessage[] = gh.outbox
    ? planMessages({
        incident: plan.incident,
        config,
        templates,
        now,
        repository: `${gh.owner}/${gh.repo}`,
        deliveries,
      })
    : [];
  writes += await holdRecord(gh, config, issue, projection);
  writes += await applyIncidentPlan(gh, config, issue, plan, plusOnes, async () => {
    if (!gh.outbox || messages.length === 0) return undefined;
    // Labels, replies and notices are written before anything leaves GitHub, and the board after: a slow or
    // failing channel delays nothing a responder needs, and the board shows how each send went.
    const sent = await deliverMessages(gh, config, number, messages, now, gh.outbox);
    if (sent.records.length === 0) return { writes: sent.writes };
    const byMessage = new Map(deliveries);
    for (const record of sent.records) byMessage.set(record.message, record);
    const delivered = { ...plan.incident, deliveries: [...byMessage.values()] };
    return {
      writes: sent.writes,
      board: boardWrite(botComments, renderBoard(templates.board, delivered, config, now, projection.ledger)),
    };
  });
  const nextDeadlineAt = gh.onIncident
    ? earliest(
        nextDeadline(plan.incident, config, now),
        gh.outbox ? nextMessageDeadline(plan.incident, config, now) : undefined,
      )
    : undefined;
  gh.onIncident?.({
    repo: { owner: gh.owner, repo: gh.repo },
    number,
    now,
    notices: owed.map((n) => ({ kind: n.kind, dueAt: n.dueAt })),
    ...(nextDeadlineAt !== undefined ? { nextDeadlineAt } : {}),
  });
  // Pull requests need re-checking only when this incident starts or stops freezing merges.
  const freezeRelevant = isFreezing(issue, config) !== isFreezing(plan.incident, config);
  return { number, incident: plan.incident, plan, writes, freezeRelevant };
}

/**
 * The hold record keeps a freeze lifted by hand in force, where the freeze checks look (open freeze
 * issues). Opened before the plan puts the hold label on, closed before it takes it off, so the label
 * always means a record exists.
 */
async function holdRecord(
  gh: GitHubContext,
  config: Config,
  issue: IssueSnapshot,
  projection: Projection,
): Promise<number> {
  const hold = projection.incident.freezeHold;
  const labelled = issue.labels.some((l) => l.toLowerCase() === config.labels.freeze_held.toLowerCase());
  if (hold !== undefined && !labelled) {
    await ensureHoldRecord(gh, config, { origin: issue.number, hold, kind: "incident", branches: [] });
    return 1;
  }
  return projection.holdRecordsMayRemain ? closeHoldRecords(gh, config, issue.number) : 0;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The board write that brings the existing board to `body`, or none when it already says that. */
function boardWrite(
  botComments: readonly BotComment[],
  body: string,
): IncidentPlan["comments"][number] | null {
  const found = latestByIdentity(botComments).get("board");
  if (found === undefined) return { identity: "board", body };
  return found.body === body ? null : { identity: "board", body, id: found.id };
}

/** Runs between the other writes and the board: may replace the board write (null: no board write). */
type BeforeBoard = () => Promise<
  { writes: number; board?: IncidentPlan["comments"][number] | null } | undefined
>;

async function applyIncidentPlan(
  gh: GitHubContext,
  config: Config,
  issue: IssueSnapshot,
  plan: IncidentPlan,
  plusOnes: ReadonlyMap<number, number>,
  beforeBoard?: BeforeBoard,
): Promise<number> {
  let writes = 0;
  for (const commentId of plan.react) {
    if (await ensureReaction(gh, commentId, plusOnes.get(commentId) ?? 0)) writes++;
  }
  if (plan.labels.add.length > 0 || plan.labels.remove.length > 0) {
    await ensureRepoLabels(gh, config, plan.labels.add);
    await writeLabels(gh, issue.number, plan.labels.add, plan.labels.remove);
    writes += (plan.labels.add.length > 0 ? 1 : 0) + plan.labels.remove.length;
  }
  if (plan.assign.length > 0) {
    await addAssignees(gh, issue.number, plan.assign);
    writes++;
  }
  if (plan.unassign.length > 0) {
    await removeAssignees(gh, issue.number, plan.unassign);
    writes++;
  }
  // Replies and notices first, the board and checklist last: the board's edit time marks what was answered.
  const ordered = [...plan.comments].sort((a, b) => rank(a.identity) - rank(b.identity));
  let board = ordered.find((c) => c.identity === "board");
  const write = async (comment: IncidentPlan["comments"][number]) => {
    if (comment.id === undefined) await createCommentOnce(gh, issue.number, comment.identity, comment.body);
    else await updateComment(gh, comment.id, comment.body);
    writes++;
  };
  for (const comment of ordered) if (comment !== board) await write(comment);
  const sent = await beforeBoard?.();
  if (sent) {
    writes += sent.writes;
    if (sent.board !== undefined) board = sent.board ?? undefined;
  }
  if (board) await write(board);
  for (const id of plan.deleteComments) {
    await deleteComment(gh, id);
    writes++;
  }
  if (plan.close) {
    await closeIssue(gh, issue.number, plan.close);
    writes++;
  }
  if (writes > 0) gh.log.info({ issue: issue.number, writes }, "incident reconciled");
  return writes;
}

function rank(identity: string): number {
  return identity === "board" ? 2 : identity === "checklist" ? 1 : 0;
}
