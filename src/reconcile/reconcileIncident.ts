import type { Config } from "../core/config/schema.js";
import type { Permission, IssueSnapshot, TimelineEvent } from "../core/snapshot.js";
import type { Templates } from "../core/render/templates.js";
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
import { findGaps } from "../core/projection/findGaps.js";
import { currentIssue } from "../core/projection/currentIssue.js";
import type { ConfigProblem, RefusedConfig } from "../core/config/parseConfig.js";
import { isFreezing } from "../core/freeze/isFreezing.js";
import { planNotices } from "../core/clocks/planNotices.js";
import { nextDeadline } from "../core/clocks/nextDeadline.js";
import { ensureDeviationFollowups } from "./ensureDeviationFollowups.js";
import { applyPostmortem } from "./postmortem/applyPostmortem.js";
import { explainPostmortemFailure } from "./postmortem/explainPostmortemFailure.js";
import { deliveriesFrom } from "../core/channels/deliveryRecord.js";
import { planMessages } from "../core/channels/planMessages.js";
import type { PlannedMessage } from "../core/channels/types.js";
import { renderBoard } from "../core/board/renderBoard.js";
import type { BotComment } from "../core/plan/botComments.js";
import { deliverMessages } from "./deliverMessages.js";
import { projectWithRoles } from "./projectWithRoles.js";
import { closeHoldRecords, ensureHoldRecord } from "./freeze/holdRecords.js";
import type { FreezeHold } from "../core/freeze/freezeHold.js";
import { holdLabelTakenOff } from "../core/freeze/holdLabelTakenOff.js";
import { nextMessageDeadline } from "../core/channels/nextMessageDeadline.js";

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

  const botComments = botCommentsFrom(events, gh.trustedBots);
  const projection = await projectWithRoles(gh, config, issue, events, botComments, now, permissions);
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
  const deliveries = deliveriesFrom(botComments);
  projection.incident.deliveries = [...deliveries.values()];
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
  // Messages are planned from the incident as this reconcile leaves it (a notice it posts is an occasion).
  const messages: PlannedMessage[] = gh.outbox
    ? planMessages({
        incident: projection.incident,
        config,
        templates,
        now,
        repository: `${gh.owner}/${gh.repo}`,
        deliveries,
      })
    : [];
  writes += await holdRecord(gh, config, issue, events, projection.incident.freezeHold);
  writes += await applyIncidentPlan(gh, config, issue, plan, plusOnes, async () => {
    if (!gh.outbox || messages.length === 0) return undefined;
    // Labels, replies and notices are written before anything leaves GitHub, and the board after: a slow or
    // failing channel delays nothing a responder needs, and the board shows how each send went.
    const sent = await deliverMessages(gh, config, number, messages, now, gh.outbox);
    if (sent.records.length === 0) return { writes: sent.writes };
    const byMessage = new Map([...deliveries].map(([k, v]) => [k, v]));
    for (const record of sent.records) byMessage.set(record.message, record);
    projection.incident.deliveries = [...byMessage.values()];
    return {
      writes: sent.writes,
      board: boardWrite(
        botComments,
        renderBoard(templates.board, projection.incident, config, now, projection.ledger),
      ),
    };
  });
  const nextDeadlineAt = gh.onIncident
    ? earliest(
        nextDeadline(projection.incident, config, now),
        gh.outbox ? nextMessageDeadline(projection.incident, config, now) : undefined,
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
  const freezeRelevant = isFreezing(issue, config) !== isFreezing(projection.incident, config);
  return { number, projection, plan, writes, freezeRelevant };
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
  events: readonly TimelineEvent[],
  hold: FreezeHold | undefined,
): Promise<number> {
  const label = config.labels.freeze_held;
  const labelled = issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  if (hold !== undefined && !labelled) {
    await ensureHoldRecord(gh, config, { origin: issue.number, hold, kind: "incident", branches: [] });
    return 1;
  }
  const isBot = (login: string) => gh.trustedBots.has(login.toLowerCase());
  if (hold === undefined && (labelled || holdLabelTakenOff(events, label, isBot)))
    return closeHoldRecords(gh, config, issue.number);
  return 0;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

export function isIncident(issue: IssueSnapshot, config: Config): boolean {
  const label = config.labels.incident.toLowerCase();
  return !issue.isPullRequest && issue.labels.some((l) => l.toLowerCase() === label);
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
