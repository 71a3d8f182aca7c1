import { acknowledgeFrom, waitsForOffice } from "../clocks/waitsForOffice.js";
import type { Config } from "../config/schema.js";
import type { IssueSnapshot } from "../snapshot.js";
import type { Projection } from "../projection/projectIncident.js";
import { labelNames } from "../projection/labelNames.js";
import { renderBoard } from "../board/renderBoard.js";
import { renderChecklist } from "../checklist/renderChecklist.js";
import { renderReplies } from "./renderReplies.js";
import { renderNotices } from "./renderNotices.js";
import type { BotComment, CommentWrite } from "./botComments.js";
import { duplicateBotComments, latestByIdentity } from "./botComments.js";
import type { Templates } from "../render/templates.js";
import type { CommandLedger } from "./commandLedger.js";
import { readLedger } from "./commandLedger.js";
import type { ConfigProblem, RefusedConfig } from "../config/parseConfig.js";
import { formatRefusal, formatTemplateProblems } from "../config/formatProblems.js";
import { markerIdentity, renderMarker } from "../markers.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { mention, neutralize, neutralizeInline } from "../text/neutralize.js";
import { onCallAt } from "../oncall/onCallAt.js";
import { needsPostmortem } from "../postmortem/needsPostmortem.js";
import { renderSummary } from "./renderSummary.js";
import { noticeRecord } from "../projection/recordNotice.js";
import type { Incident, PostedNotice } from "../types.js";
import { stakeholderClock } from "../channels/stakeholderClock.js";
import { announceChannels } from "../channels/occasions.js";
import { postmortemSharedView } from "../channels/postmortemSharedView.js";
import { formatTime } from "../time/formatTime.js";

export interface IncidentPlan {
  /** The incident as the plan leaves it (with the notices it posts and its close): what the board shows. */
  incident: Incident;
  labels: { add: string[]; remove: string[] };
  assign: string[];
  /** Leads replaced with `/lead` who are still assigned: one lead is assigned, never two. */
  unassign: string[];
  /** Comments whose commands were applied: each gets one 👍 from the bot. */
  react: number[];
  /** Bot comments to create (no id) or rewrite (id), only where the text would change. */
  comments: CommentWrite[];
  /** Duplicates left by concurrent reconcilers (newest of each identity goes; the oldest stays). */
  deleteComments: number[];
  close?: "completed" | "not_planned";
}

export interface PlanInput {
  issue: IssueSnapshot;
  projection: Projection;
  config: Config;
  now: number;
  botComments: readonly BotComment[];
  templates: Templates;
  /** Repository templates that could not be used (reported on the incident until fixed). */
  templateProblems?: readonly ConfigProblem[];
  /** The configuration file was refused and an earlier version is in use: said on every incident. */
  refused?: RefusedConfig;
}

/** Desired state minus current state: every write a reconcile of this incident should make, and no more. */
export function planIncident(input: PlanInput): IncidentPlan {
  const { issue, projection, config, now, botComments, templates } = input;
  const { incident } = projection;
  const names = labelNames(config);
  const current = new Set(issue.labels.map((l) => l.toLowerCase()));

  // Labels: exactly one state, exactly one severity, revenue when hit. Anything else is left alone.
  const wanted = [names.states[incident.state], names.severity(incident.severity)];
  if (incident.revenue) wanted.push(names.revenue);
  // The hold label is how the freeze checks, which read labels only, learn that this freeze holds.
  const held = config.labels.freeze_held;
  if (incident.freezeHeld === true) wanted.push(held);
  const add = wanted.filter((l) => !current.has(l.toLowerCase()));
  const remove = issue.labels.filter((label) => {
    const lower = label.toLowerCase();
    if (wanted.some((w) => w.toLowerCase() === lower)) return false;
    if (names.stateOf(label) !== undefined || names.severityOf(label) !== undefined) return true;
    if (lower === held.toLowerCase()) return true;
    return lower === names.revenue.toLowerCase() && !incident.revenue;
  });

  // A minor incident waiting for the office is nobody's until it opens: no assignment, no on-call notice.
  const waiting = projection.leadFromRoster && now < (waitsForOffice(incident, config) ?? now);
  const assign =
    incident.lead !== undefined &&
    !waiting &&
    !issue.assignees.some((a) => a.toLowerCase() === incident.lead?.toLowerCase())
      ? [incident.lead]
      : [];
  const lower = (login: string | undefined) => login?.toLowerCase();
  const replaced = new Set((incident.replacedLeads ?? []).map(lower));
  const unassign = issue.assignees.filter((a) => replaced.has(lower(a)) && lower(a) !== lower(incident.lead));

  const existing = latestByIdentity(botComments);
  // A comment gets its 👍 when the board first sees it in its current text; after that it has it.
  const previous: CommandLedger = readLedger(existing.get("board"));
  const ledger = projection.ledger;
  const react = [
    ...new Set(
      projection.outcomes
        .filter((o) => {
          if (o.result !== "applied") return false;
          const before = previous.comments.get(o.commentId);
          return before === undefined || before.updatedAt !== ledger.comments.get(o.commentId)?.updatedAt;
        })
        .map((o) => o.commentId),
    ),
  ];

  const comments: CommentWrite[] = [];
  const upsert = (identity: string, body: string) => {
    const found = existing.get(identity);
    if (found === undefined) comments.push({ identity, body });
    else if (found.body !== body) comments.push({ identity, body, id: found.id });
  };
  const createOnce = (identity: string, body: string) => {
    if (!existing.has(identity)) comments.push({ identity, body });
  };

  // One reply per comment, answering its text as it stands: rewritten when an edit changes the answer,
  // removed when nothing in it needs one any more.
  const replies = renderReplies(projection, config, templates, issue);
  const answered = new Set<string>();
  for (const reply of replies) {
    answered.add(reply.identity);
    if (reply.identity.startsWith("reply:") && !existing.has(reply.identity)) {
      if (answeredBefore(botComments, reply, projection)) continue;
    }
    if (reply.identity.startsWith("reply:")) upsert(reply.identity, reply.body);
    else createOnce(reply.identity, reply.body);
  }
  // An unreadable "When did it start?" is said once to whoever declared, and goes once it is settled.
  if (incident.unreadStart) {
    const declarer = incident.declaredBy ?? issue.author;
    upsert(
      "form-start",
      `${renderMarker("form-start")}\n${renderTemplate(templates.nudge, {
        actor: declarer ? neutralize(declarer) : undefined,
        message: `I could not use the form's answer to “When did it start?”, “${neutralizeInline(incident.unreadStart.text, 100)}”: ${neutralizeInline(incident.unreadStart.reason, 300)} Until someone says when it began, the start is the declaration time, and the board says so. Type \`/started <time>\`, for example \`/started 12:30\` or \`/started 2h ago\`.`,
      })}`,
    );
  }
  const staleReplies = [...existing.values()].filter(
    (c) => c.marker.kind === "reply" && c.marker.data.line === undefined && !answered.has(c.identity),
  );
  // The incident as this reconcile leaves it: what it posts and closes shows on the board it writes.
  let after: Incident = incident;
  for (const notice of renderNotices(incident, config, now, templates)) {
    if (existing.has(notice.identity)) continue;
    createOnce(notice.identity, notice.body);
    // The board below must already show what this reconcile posts, or the next one would rewrite it.
    if (notice.notice) after = withNotice(after, config, notice.notice.kind, notice.notice.keys, now);
  }
  if (projection.leadFromRoster && !waiting && after.lead !== undefined && after.open) {
    const data = { type: "oncall" };
    const onCall = onCallAt(
      config.oncall,
      config.business_hours.timezone,
      acknowledgeFrom(after, config),
      config.business_hours.holidays,
    );
    const body = renderTemplate(templates["notice-oncall"], {
      mention: mention(after.lead),
      period: onCall.period,
    });
    createOnce(markerIdentity({ kind: "notice", data }), `${renderMarker("notice", data)}\n${body}`);
  }

  // The stakeholder notice of a critical incident that nobody sent in time: one reminder, to the communicator.
  const notice = stakeholderClock(after, config);
  if (notice && after.open && now >= notice.dueAt && notice.sentAt === undefined && !notice.requested) {
    const data = { type: "stakeholder" };
    const who =
      after.comms ?? after.lead ?? onCallAt(config.oncall, config.business_hours.timezone, now).primary;
    const targets = announceChannels(after, config);
    const body = renderTemplate(templates["notice-stakeholder"], {
      mentions: who ? mention(who) : "Team,",
      severity: after.severity,
      due: formatTime(notice.dueAt, config.business_hours.timezone),
      channels: targets.map((c) => `\`${c}\``).join(", "),
    });
    createOnce(markerIdentity({ kind: "notice", data }), `${renderMarker("notice", data)}\n${body}`);
  }

  // Close once, when the incident ends; a person who reopens it afterwards is not overruled.
  const endedAt =
    after.state === "cancelled"
      ? after.cancelledAt
      : after.postmortem?.state === "merged"
        ? after.postmortem.mergedAt
        : after.state === "resolved" && !needsPostmortem(after, config) && after.resolution !== undefined
          ? after.resolvedAt
          : undefined;
  let close: IncidentPlan["close"];
  if (
    issue.state === "open" &&
    endedAt !== undefined &&
    (projection.reopenedAt === undefined || projection.reopenedAt < endedAt)
  ) {
    close = after.state === "cancelled" ? "not_planned" : "completed";
    after = { ...after, open: false, closedAt: now };
  }
  // The four-question end-of-incident summary (playbook 000) at resolution, for every severity: those with
  // a post-mortem get it too, before the post-mortem is written.
  if ((after.state === "resolved" || after.state === "postmortem") && after.resolution !== undefined) {
    createOnce("summary", renderMarker("summary") + "\n" + renderSummary(templates.summary, after, config));
  }

  // The merged post-mortem shared where everyone who followed the incident looks (playbook 004: share it
  // once the review is done), whether or not channels also carry it; the subject becomes the heading.
  if (after.postmortem?.state === "merged") {
    const [subject = "", ...rest] = renderTemplate(
      templates["postmortem-shared"],
      postmortemSharedView(after),
    )
      .trim()
      .split("\n");
    upsert(
      "postmortem-shared",
      `${renderMarker("postmortem-shared")}\n### 📘 ${subject}\n\n${rest.join("\n").trim()}\n`,
    );
  }

  // Broken repository templates are reported where people look, and the report goes once they are fixed.
  const templateProblems = input.templateProblems ?? [];
  if (templateProblems.length > 0) {
    upsert(
      "template-problems",
      `${renderMarker("template-problems")}\n### ⚠️ Some of this repository's Expedite templates cannot be used\n\n${formatTemplateProblems(templateProblems)}`,
    );
  }

  // A refused configuration is said loudly on every incident while the earlier version stands in for it.
  if (input.refused)
    upsert("config-refused", `${renderMarker("config-refused")}\n${formatRefusal(input.refused)}`);

  // Rendered last, from the incident as this reconcile leaves it.
  upsert("board", renderBoard(templates.board, after, config, now, ledger));
  upsert("checklist", renderChecklist(templates.checklist, after, config, existing.get("checklist")?.body));

  return {
    incident: after,
    labels: { add, remove },
    assign,
    unassign,
    react,
    comments,
    deleteComments: [
      ...duplicateBotComments(botComments),
      ...staleReplies.map((c) => c.id),
      ...botComments
        .filter(
          (c) =>
            c.marker.kind === "config-error" ||
            (c.marker.kind === "template-problems" && templateProblems.length === 0) ||
            (c.marker.kind === "config-refused" && input.refused === undefined) ||
            (c.marker.kind === "form-start" && after.unreadStart === undefined),
        )
        .map((c) => c.id),
    ],
    ...(close ? { close } : {}),
  };
}

/**
 * Replies written one per command line (before one reply per comment) still answer their comment as long
 * as it has not been edited since, so an upgrade does not answer old comments a second time.
 */
function answeredBefore(
  botComments: readonly BotComment[],
  reply: { identity: string },
  projection: Projection,
): boolean {
  const commentId = Number(reply.identity.split(":")[1]);
  const comment = projection.ledger.comments.get(commentId);
  return botComments.some(
    (c) =>
      c.marker.kind === "reply" &&
      c.marker.data.line !== undefined &&
      Number(c.marker.data.comment) === commentId &&
      (comment === undefined || comment.updatedAt <= c.at),
  );
}

/** The incident with one more clock notice remembered, as if its comment were already on the issue. */
function withNotice(
  incident: Incident,
  config: Config,
  kind: PostedNotice["kind"],
  keys: string[],
  at: number,
): Incident {
  const { notice, entry } = noticeRecord(incident, config, kind, keys, at, 0);
  return { ...incident, notices: [...incident.notices, notice], timeline: [...incident.timeline, entry] };
}
