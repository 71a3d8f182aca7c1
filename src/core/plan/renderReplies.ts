import type { Config } from "../config/schema.js";
import type { Projection } from "../projection/projectIncident.js";
import type { PostedNotice } from "../types.js";
import type { IssueSnapshot } from "../snapshot.js";
import { renderMarker, markerIdentity } from "../markers.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { neutralize, neutralizeInline } from "../text/neutralize.js";
import { helpText } from "../commands/usage.js";
import type { Templates } from "../render/templates.js";

export interface RenderedComment {
  identity: string;
  body: string;
  /** For clock notices: what the notice covers, so the board can show it at once. */
  notice?: { kind: PostedNotice["kind"]; keys: string[] };
}

/**
 * One reply per refused command (and per /help), keyed by comment id and line so a redelivered or
 * edited comment never gets a second one; and one note per gap a person's label change opened.
 */
export function renderReplies(
  projection: Projection,
  _config: Config,
  templates: Templates,
  issue: IssueSnapshot,
): RenderedComment[] {
  const replies: RenderedComment[] = [];
  for (const outcome of projection.outcomes) {
    if (outcome.result !== "refused" && outcome.result !== "help") continue;
    const data: Record<string, string | number> = { comment: outcome.commentId, line: outcome.line };
    if (outcome.permission) data.why = "permission";
    const marker = renderMarker("reply", data);
    const actor = neutralize(outcome.actor);
    const body =
      outcome.result === "help"
        ? renderTemplate(templates.help, {
            actor,
            table: helpText(issue.isPullRequest ? "pull-request" : "incident"),
          })
        : renderTemplate(templates.refusal, {
            actor,
            source: neutralizeInline(outcome.source, 200).replace(/`/g, "'"),
            // Refusal texts are written by the parser and the projection: user text appears in them only
            // inside code spans, already stripped of backticks, so they go out as they are.
            reason: outcome.reason ?? "",
            usage: outcome.usage ?? "",
          });
    replies.push({
      identity: markerIdentity({ kind: "reply", data: mapStrings(data) }),
      body: `${marker}\n${body}`,
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

function mapStrings(data: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
}
