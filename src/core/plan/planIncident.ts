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
import { markerIdentity, renderMarker } from "../markers.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { mention } from "../text/neutralize.js";
import { onCallAt } from "../oncall/onCallAt.js";
import { needsPostmortem } from "../postmortem/needsPostmortem.js";
import { renderSummary } from "./renderSummary.js";

export interface IncidentPlan {
  labels: { add: string[]; remove: string[] };
  assign: string[];
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
  /** When each comment was last edited (from the timeline). */
  commentUpdatedAt?: ReadonlyMap<number, number>;
}

/** Desired state minus current state: every write a reconcile of this incident should make, and no more. */
export function planIncident(input: PlanInput): IncidentPlan {
  const { issue, projection, config, now, botComments, templates } = input;
  const commentUpdatedAt = input.commentUpdatedAt ?? new Map<number, number>();
  const { incident } = projection;
  const names = labelNames(config);
  const current = new Set(issue.labels.map((l) => l.toLowerCase()));

  // Labels: exactly one state, exactly one severity, revenue when hit. Anything else is left alone.
  const wanted = [names.states[incident.state], names.severity(incident.severity)];
  if (incident.revenue) wanted.push(names.revenue);
  const add = wanted.filter((l) => !current.has(l.toLowerCase()));
  const remove = issue.labels.filter((label) => {
    const lower = label.toLowerCase();
    if (wanted.some((w) => w.toLowerCase() === lower)) return false;
    if (names.stateOf(label) !== undefined || names.severityOf(label) !== undefined) return true;
    return lower === names.revenue.toLowerCase() && !incident.revenue;
  });

  const assign =
    incident.lead !== undefined &&
    !issue.assignees.some((a) => a.toLowerCase() === incident.lead?.toLowerCase())
      ? [incident.lead]
      : [];

  const existing = latestByIdentity(botComments);
  // Reactions are applied before the board is written, so a command older than the board's last edit was
  // already answered; checking only newer ones keeps an idle reconcile from listing reactions.
  const answeredBefore = existing.get("board")?.updatedAt ?? -Infinity;
  const react = [
    ...new Set(
      projection.outcomes
        .filter(
          (o) => o.result === "applied" && (commentUpdatedAt.get(o.commentId) ?? Infinity) >= answeredBefore,
        )
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

  upsert("board", renderBoard(templates.board, incident, config, now));
  upsert(
    "checklist",
    renderChecklist(templates.checklist, incident, config, existing.get("checklist")?.body),
  );
  for (const reply of renderReplies(projection, config, templates, issue))
    createOnce(reply.identity, reply.body);
  for (const notice of renderNotices(incident, config, now, templates))
    createOnce(notice.identity, notice.body);
  if (projection.leadFromRoster && incident.lead !== undefined && incident.open) {
    const data = { type: "oncall" };
    const onCall = onCallAt(config.oncall, config.business_hours.timezone, incident.declaredAt);
    const body = renderTemplate(templates["notice-oncall"], {
      mention: mention(incident.lead),
      period: onCall.period,
    });
    createOnce(markerIdentity({ kind: "notice", data }), `${renderMarker("notice", data)}\n${body}`);
  }

  // Close once, when the incident ends; a person who reopens it afterwards is not overruled.
  const endedAt =
    incident.state === "cancelled"
      ? incident.cancelledAt
      : incident.postmortem?.state === "merged"
        ? incident.postmortem.mergedAt
        : incident.state === "resolved" &&
            !needsPostmortem(incident, config) &&
            incident.resolution !== undefined
          ? incident.resolvedAt
          : undefined;
  let close: IncidentPlan["close"];
  if (
    issue.state === "open" &&
    endedAt !== undefined &&
    (projection.reopenedAt === undefined || projection.reopenedAt < endedAt)
  ) {
    close = incident.state === "cancelled" ? "not_planned" : "completed";
  }
  if (
    incident.state === "resolved" &&
    !needsPostmortem(incident, config) &&
    incident.resolution !== undefined
  ) {
    createOnce(
      "summary",
      renderMarker("summary") + "\n" + renderSummary(templates.summary, incident, config),
    );
  }

  return {
    labels: { add, remove },
    assign,
    react,
    comments,
    deleteComments: [
      ...duplicateBotComments(botComments),
      ...botComments.filter((c) => c.marker.kind === "config-error").map((c) => c.id),
    ],
    ...(close ? { close } : {}),
  };
}

export function isEmptyPlan(plan: IncidentPlan): boolean {
  return (
    plan.labels.add.length === 0 &&
    plan.labels.remove.length === 0 &&
    plan.assign.length === 0 &&
    plan.comments.length === 0 &&
    plan.deleteComments.length === 0 &&
    plan.close === undefined
  );
}
