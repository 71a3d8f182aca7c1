import type { Config } from "../config/schema.js";
import type { Projection } from "../projection/projectIncident.js";
import type { PostedNotice } from "../types.js";
import type { IssueSnapshot } from "../snapshot.js";
import { renderMarker, markerIdentity } from "../markers.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { WORD_JOINER, neutralize, neutralizeInline } from "../text/neutralize.js";
import { helpText } from "../commands/commandTable.js";
import type { Templates } from "../render/templates.js";

export interface RenderedComment {
  identity: string;
  body: string;
  /** For clock notices: what the notice covers, so the board can show it at once. */
  notice?: { kind: PostedNotice["kind"]; keys: string[] };
}

/**
 * One reply per comment that has refused commands, asks for /help or earned a nudge, answering all its lines at once and
 * mentioning its author once, keyed by comment id so that a redelivery never brings a second one (an edit
 * rewrites it); and one note per gap a person's label change opened.
 */
export function renderReplies(
  projection: Projection,
  _config: Config,
  templates: Templates,
  issue: IssueSnapshot,
): RenderedComment[] {
  const replies: RenderedComment[] = [];
  const byComment = new Map<number, typeof projection.outcomes>();
  for (const outcome of projection.outcomes) {
    if (outcome.result !== "refused" && outcome.result !== "help" && outcome.nudge === undefined) continue;
    const list = byComment.get(outcome.commentId) ?? [];
    list.push(outcome);
    byComment.set(outcome.commentId, list);
  }
  for (const [commentId, outcomes] of byComment) {
    const data = { comment: commentId };
    const parts: string[] = [];
    let helped = false;
    for (const outcome of outcomes) {
      // The author is mentioned once per reply; later parts name them without a notification.
      const actor = parts.length === 0 ? neutralize(outcome.actor) : WORD_JOINER + neutralize(outcome.actor);
      if (outcome.result === "help") {
        if (helped) continue;
        helped = true;
        parts.push(
          renderTemplate(templates.help, {
            actor,
            table: helpText(issue.isPullRequest ? "pull-request" : "incident"),
          }),
        );
        continue;
      }
      if (outcome.result === "applied") {
        parts.push(renderTemplate(templates.nudge, { actor, message: outcome.nudge ?? "" }));
        continue;
      }
      parts.push(
        renderTemplate(templates.refusal, {
          actor,
          source: neutralizeInline(outcome.source, 200).replace(/`/g, "'"),
          // Refusal texts are written by the parser and the projection: user text appears in them only
          // inside code spans, already stripped of backticks, so they go out as they are.
          reason: outcome.reason ?? "",
          usage: outcome.usage ?? "",
        }),
      );
    }
    replies.push({
      identity: markerIdentity({ kind: "reply", data: { comment: String(commentId) } }),
      body: `${renderMarker("reply", data)}\n${parts.map((p) => p.trim()).join("\n\n---\n\n")}`,
    });
  }
  for (const gap of projection.incident.gaps) {
    if (
      gap.kind !== "resolved-without-resolution" &&
      gap.kind !== "mitigated-without-workaround" &&
      gap.kind !== "closed-unresolved"
    )
      continue;
    const data = { kind: gap.kind };
    const actor = gap.kind === "closed-unresolved" ? undefined : projection.stateSetBy;
    replies.push({
      identity: markerIdentity({ kind: "gap", data }),
      body: `${renderMarker("gap", data)}\n${renderTemplate(templates.gap, { actor: actor ? neutralize(actor) : undefined, message: gap.message })}`,
    });
  }
  return replies;
}
