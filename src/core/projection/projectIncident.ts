import type { Config, Severity } from "../config/schema.js";
import type { Incident, IncidentState, TimelineEntry } from "../types.js";
import type { IssueSnapshot, Permission, TimelineEvent } from "../snapshot.js";
import { parseIssueForm } from "../form/parseIssueForm.js";
import { parseCommands } from "../commands/parseCommands.js";
import { parseMarker } from "../markers.js";
import type { CommandOutcome } from "./commandOutcome.js";
import { applyLabelEvent } from "./applyLabelEvent.js";
import { linkedPullRequests } from "./linkedPullRequests.js";
import { findGaps } from "./findGaps.js";
import { labelNames } from "./labelNames.js";
import { emptyIncident } from "../emptyIncident.js";
import type { Draft } from "./draft.js";
import { recordNotice } from "./recordNotice.js";
import type { IncidentFindings } from "./incidentFindings.js";
import { applyFindings } from "./incidentFindings.js";
import { deliveriesFrom } from "../channels/deliveryRecord.js";
import { botCommentsFrom } from "../plan/botComments.js";
import { stepsCoveredBy } from "../clocks/stepsCoveredBy.js";
import { escalatedText } from "../clocks/escalatedText.js";
import { assignedByHand, leaderAt, rosterLead, unassignedByHand } from "./leadership.js";
import type { CommandChange, CommandLedger } from "../plan/commandLedger.js";
import { emptyLedger, nextLedger, toSeconds } from "../plan/commandLedger.js";
import { holdLabelTakenOff } from "../freeze/holdLabelTakenOff.js";
import { namedPeople } from "./commandComments.js";
import { judgeLine } from "./judgeLine.js";
import { formatTime } from "../time/formatTime.js";
import { FREEZE_DECIDING_VERBS, incidentFreezeSteps } from "./incidentFreezeSteps.js";
import { freezeHistory, freezeHoldOf, holdActors } from "../freeze/freezeHold.js";
import { freezesMerges } from "../freeze/activeFreezes.js";

export interface ProjectionContext {
  /** Lower-case logins whose markers are believed and whose own label/assignment events are outputs, not inputs. */
  trustedBots: ReadonlySet<string>;
  /**
   * Repository role of every command author and of everyone a command names (lower-case login). Every
   * command is judged afresh on each projection with these: no earlier verdict is carried over.
   */
  permissions: ReadonlyMap<string, Permission>;
  /** Roles read from GitHub for this projection, remembered on the board (default: `permissions`). */
  fetched?: ReadonlyMap<string, Permission>;
  /** What the board remembered of the command comments (for the edit and deletion record). */
  ledger?: CommandLedger;
  /** When this projection runs (dates a deletion first noticed now); default: the last event. */
  now?: number;
  /** What the reconcile found beyond the timeline (the post-mortem pull request, follow-up issues). */
  findings?: IncidentFindings;
}

export interface Projection {
  incident: Incident;
  outcomes: CommandOutcome[];
  /** Who last moved the state by hand with a label (named in the gap note). */
  stateSetBy?: string;
  /** The last time a person reopened the issue. */
  reopenedAt?: number;
  /** The lead came from the on-call roster, not from a person. */
  leadFromRoster: boolean;
  /** The command ledger to record on the board. */
  ledger: CommandLedger;
  /**
   * The freeze does not hold, yet a hold record may still be open (the hold label is on, or a person took
   * it off since the board last looked): the reconcile closes any it finds.
   */
  holdRecordsMayRemain: boolean;
  /**
   * Whose role the freeze hold needs and `permissions` lacked (authors of hand changes made while the
   * incident froze merges): look them up and project again.
   */
  rolesMissing: string[];
}

/**
 * The incident as a pure function of the issue, its timeline and the config. Events are sorted first, so
 * any delivery order of the same facts gives the same incident (the property tests hold us to that).
 */
export function projectIncident(
  issue: IssueSnapshot,
  events: readonly TimelineEvent[],
  config: Config,
  ctx: ProjectionContext,
): Projection {
  const zone = config.business_hours.timezone;
  const form = parseIssueForm(issue.body, { now: issue.createdAt, timeZone: zone });
  const names = labelNames(config);
  const sorted = [...events].sort((a, b) => a.at - b.at || a.seq - b.seq);
  const isBot = (login: string) => ctx.trustedBots.has(login.toLowerCase());

  const declaredEvent = sorted.find((e) => e.type === "labeled" && e.label === names.incident);
  const declaredAt = declaredEvent?.at ?? issue.createdAt;
  const draft: Draft = emptyIncident({
    number: issue.number,
    title: issue.title,
    url: issue.url,
    open: issue.state === "open",
    severity: form.severity ?? (config.severity.default as Severity),
    severitySet: form.severity !== undefined,
    revenue:
      form.revenue === "yes" ||
      (form.revenue === "unknown" && config.escalation.unknown_revenue === "revenue"),
    ...(form.revenue === "unknown" && config.escalation.unknown_revenue === "revenue"
      ? { revenueAssumed: true }
      : {}),
    declaredAt,
    declaredBy: declaredEvent?.actor ?? issue.author,
    startedAt: form.startedAt !== undefined && form.startedAt <= declaredAt ? form.startedAt : declaredAt,
    form,
  });
  const startProblem =
    form.startedProblem ??
    (form.startedAt !== undefined && form.startedAt > declaredAt
      ? "That is after the incident was declared."
      : undefined);
  if (startProblem !== undefined && form.startedText !== undefined)
    draft.unreadStart = { text: form.startedText, reason: startProblem };

  const timeline: TimelineEntry[] = draft.timeline;
  timeline.push({ at: declaredAt, kind: "declared", actor: draft.declaredBy, text: "declared the incident" });
  if (form.startedAt !== undefined && form.startedAt < declaredAt) {
    timeline.push({ at: form.startedAt, kind: "started", text: "problem began (from the report)" });
  }

  const outcomes: CommandOutcome[] = [];
  const commandComments: Parameters<typeof nextLedger>[1][number][] = [];
  const humanComments = new Map<number, { updatedAt: number }>();
  const referenced = new Set<string>();
  let stateSetBy: string | undefined;
  let reopenedAt: number | undefined;
  const roles = config.roles.extra;

  const freezeSteps = incidentFreezeSteps(config, names, isBot, declaredEvent === undefined);
  // Labelled from the start (no labelling event): a freezing incident froze from its declaration.
  const frozeAtStart =
    declaredEvent === undefined &&
    freezesMerges({ open: true, state: draft.state, severity: draft.severity }, config);
  for (const event of sorted) {
    freezeSteps.before(draft, event);
    const judged = outcomes.length;
    applyEvent(event);
    const decided = outcomes
      .slice(judged)
      .some((o) => o.result === "applied" && FREEZE_DECIDING_VERBS.has(o.verb));
    freezeSteps.after(draft, event, decided);
  }

  function applyEvent(event: TimelineEvent): void {
    switch (event.type) {
      case "labeled":
      case "unlabeled":
        if (isBot(event.actor)) break;
        if (event.type === "labeled" && names.stateOf(event.label) !== undefined) stateSetBy = event.actor;
        applyLabelEvent(draft, event, config, names);
        break;
      case "assigned":
        if (isBot(event.actor)) break;
        assignedByHand(draft, event.assignee);
        // An assignment makes someone lead only when nobody leads, the on-call engineer included.
        if (leaderAt(draft, config, event.at) === undefined) {
          draft.lead = event.assignee;
          timeline.push({
            at: event.at,
            kind: "role",
            actor: event.actor,
            text: `assigned ${event.assignee}, who leads`,
          });
        } else {
          timeline.push({
            at: event.at,
            kind: "assignment",
            actor: event.actor,
            text: `assigned ${event.assignee}`,
          });
        }
        break;
      case "unassigned":
        if (isBot(event.actor)) break;
        unassignedByHand(draft, config, event.assignee, event.at);
        timeline.push({
          at: event.at,
          kind: "assignment",
          actor: event.actor,
          text: `unassigned ${event.assignee}`,
        });
        break;
      case "closed":
        // The bot's own close is shown by the board's state line, not as a timeline row.
        if (isBot(event.actor)) break;
        timeline.push({ at: event.at, kind: "closed", actor: event.actor, text: "closed the issue" });
        break;
      case "reopened":
        if (!isBot(event.actor)) reopenedAt = event.at;
        timeline.push({ at: event.at, kind: "reopened", actor: event.actor, text: "reopened the issue" });
        break;
      case "renamed":
        break;
      case "cross-referenced":
        break;
      case "commented": {
        const comment = event.comment;
        if (isBot(comment.author)) {
          // The bot never edits its notices or records: an edited one was changed by a person, and its
          // hidden data is not believed (the step or record it claimed is simply not counted).
          if (comment.updatedAt - comment.createdAt < 1_000)
            recordBotNotice(draft, config, comment.id, comment.body, comment.createdAt);
          break;
        }
        humanComments.set(comment.id, { updatedAt: comment.updatedAt });
        referenced.add(comment.author.toLowerCase());
        const parsed = parseCommands(comment.body, { at: comment.createdAt, timeZone: zone, roles });
        if (parsed.length === 0) break;
        commandComments.push({
          id: comment.id,
          author: comment.author,
          createdAt: comment.createdAt,
          updatedAt: comment.updatedAt,
          verbs: parsed.map((line) => (line.ok ? line.command.verb : line.verb)),
        });
        for (const line of parsed) {
          for (const person of namedPeople(line, comment.author)) referenced.add(person.toLowerCase());
          outcomes.push(judgeLine(draft, line, comment, config, ctx.permissions));
        }
        break;
      }
    }
  }

  const projectedAt = ctx.now ?? sorted.at(-1)?.at ?? issue.createdAt;
  const ledger = nextLedger(
    ctx.ledger ?? emptyLedger(),
    commandComments,
    humanComments,
    { referenced, fetched: ctx.fetched ?? ctx.permissions },
    projectedAt,
  );
  for (const change of ledger.changes) timeline.push(changeEntry(change, zone));

  for (const pr of linkedPullRequests(sorted)) {
    draft.pullRequests.push(pr);
    timeline.push({
      at: pr.at,
      kind: "pull-request",
      text: `${pr.revert ? "revert " : ""}pull request #${pr.number} referenced this incident: ${pr.title}`,
      url: pr.url,
    });
    if (pr.mergedAt !== undefined) {
      timeline.push({
        at: pr.mergedAt,
        kind: "pull-request",
        text: `pull request #${pr.number} merged`,
        url: pr.url,
      });
    }
  }
  if (issue.state === "closed") draft.closedAt = issue.closedAt ?? draft.closedAt;

  // Nobody took the lead: the on-call engineer of the moment it was declared is the lead until someone does.
  let leadFromRoster = false;
  const roster = rosterLead(draft, config);
  if (roster !== undefined && (draft.lead === undefined || draft.replacedLeads?.includes(roster.login))) {
    timeline.push({
      at: roster.from,
      kind: "role",
      text: `${roster.login} leads as the on-call engineer${roster.period ? ` (${roster.period})` : ""}`,
    });
    if (draft.lead === undefined) {
      draft.lead = roster.login;
      leadFromRoster = true;
    }
  }
  // The timeline shows only the escalation steps a notice really carried out (posted when they were due),
  // whatever a notice's hidden data claims.
  const covered = new Map<number, { at: number; keys: string[] }>();
  for (const step of stepsCoveredBy(draft, config)) {
    const entry = covered.get(step.commentId) ?? { at: step.postedAt, keys: [] };
    entry.keys.push(step.key);
    covered.set(step.commentId, entry);
  }
  draft.timeline = draft.timeline.filter((entry) => entry.kind !== "escalation");
  for (const { at, keys } of covered.values())
    draft.timeline.push({ at, kind: "escalation", text: escalatedText(keys, draft, config) });
  // A freeze lifted by hand by someone who could not have lifted it by command holds (nothing is reverted).
  const initiallyFreezing = false;
  const hold = freezeHoldOf(
    freezeSteps.steps,
    initiallyFreezing,
    ctx.permissions,
    config.commands.permission,
  );
  // The freezes it caused, one per span (held spans included), for the messages that tell them.
  draft.freezePeriods = freezeHistory(
    freezeSteps.steps,
    frozeAtStart,
    ctx.permissions,
    config.commands.permission,
    declaredAt,
  ).periods;
  if (hold) {
    draft.freezeHeld = true;
    draft.freezeHold = hold;
    timeline.push({
      at: hold.at,
      kind: "freeze-held",
      actor: hold.by,
      text: `${hold.change}, which would have lifted this incident's code freeze; it holds (that takes the ${hold.needed} role)`,
    });
  }
  const rolesMissing = holdActors(freezeSteps.steps, initiallyFreezing).filter(
    (login) => !ctx.permissions.has(login),
  );
  const heldLabel = config.labels.freeze_held.toLowerCase();
  const takenOff = holdLabelTakenOff(events, heldLabel, isBot);
  const holdRecordsMayRemain =
    hold === undefined &&
    (issue.labels.some((l) => l.toLowerCase() === heldLabel) ||
      (takenOff !== undefined && toSeconds(takenOff) > ledger.holdLabelOff));
  // Written with the board, after the records are closed: later reconciles need not look again.
  if (hold === undefined && takenOff !== undefined)
    ledger.holdLabelOff = Math.max(ledger.holdLabelOff, toSeconds(takenOff));
  if (ctx.findings) applyFindings(draft, ctx.findings, projectedAt);
  draft.deliveries = [...deliveriesFrom(botCommentsFrom(events, ctx.trustedBots)).values()];
  draft.gaps = findGaps(draft, config);
  draft.timeline.sort((a, b) => a.at - b.at);
  return {
    incident: draft,
    outcomes,
    leadFromRoster,
    ledger,
    rolesMissing,
    holdRecordsMayRemain,
    ...(stateSetBy !== undefined ? { stateSetBy } : {}),
    ...(reopenedAt !== undefined ? { reopenedAt } : {}),
  };
}

/** A timeline row saying that a command comment changed after it was posted: history was rewritten. */
function changeEntry(change: CommandChange, zone: string): TimelineEntry {
  const verbs = (list: string[]) => (list.length > 0 ? list.map((v) => `/${v}`).join(", ") : "no command");
  const posted = formatTime(change.postedAt, zone);
  const text =
    change.kind === "deleted"
      ? `their command comment of ${posted} (${verbs(change.before)}) was deleted`
      : change.before.length > 0
        ? `their command comment of ${posted} was edited: it said ${verbs(change.before)}, it now says ${verbs(change.after)}`
        : `their comment of ${posted} was edited after it was posted; it now says ${verbs(change.after)}`;
  return { at: change.at, kind: "edited", actor: change.author, text };
}

/** Bot notices (escalations, breaches, reminders) are remembered so each fires once. */
function recordBotNotice(draft: Draft, config: Config, commentId: number, body: string, at: number): void {
  const marker = parseMarker(body);
  if (marker?.kind === "exception-audit") {
    const granted = marker.data.granted === "yes";
    draft.freezeExceptions.push({
      at,
      by: marker.data.by ?? "",
      pullRequest: Number(marker.data.pr),
      sha: marker.data.sha ?? "",
      reason: marker.data.reason ?? "",
      granted,
      ...(marker.data.deploy === "yes" ? { deploy: true } : {}),
    });
    const subject =
      marker.data.deploy === "yes"
        ? `deploying ${(marker.data.sha ?? "").slice(0, 7)} (#${marker.data.pr})`
        : `pull request #${marker.data.pr}`;
    draft.timeline.push({
      at,
      kind: "freeze-exception",
      actor: marker.data.by ?? "",
      text: `freeze exception ${granted ? "granted" : "requested"} for ${subject}: ${marker.data.reason ?? ""}`,
    });
    return;
  }
  if (marker?.kind === "alert-evidence") {
    // Evidence the monitoring added: a resolution is a fact on the timeline, not the incident's end.
    const resolved = marker.data.status === "resolved";
    const what = /\*\*What fired:\*\* (.*)/.exec(body)?.[1] ?? "the alert";
    draft.timeline.push({
      at,
      kind: "alert",
      text: `${resolved ? "alert resolved" : "alert fired again"}: ${what}`,
    });
    return;
  }
  if (!marker || marker.kind !== "notice") return;
  const kind = marker.data.type;
  if (kind !== "escalation" && kind !== "ack-breach" && kind !== "reminder") return;
  recordNotice(
    draft,
    config,
    kind,
    (marker.data.keys ?? "").split(",").filter((k) => k !== ""),
    at,
    commentId,
  );
}

export type { IncidentState };
