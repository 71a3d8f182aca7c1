import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { renderMarker } from "../markers.js";
import type { CommandLedger } from "../plan/commandLedger.js";
import { emptyLedger, ledgerData } from "../plan/commandLedger.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { boardView, timelineRows } from "./boardView.js";

/** GitHub refuses comments over 65,536 characters; keep a margin for the marker and edits. */
export const COMMENT_LIMIT = 65_000;

/**
 * Renders the status board. When the timeline would push it past GitHub's comment limit, the oldest
 * entries fold into one summary row instead of the write failing.
 */
export function renderBoard(
  template: string,
  incident: Incident,
  config: Config,
  now: number,
  ledger: CommandLedger = emptyLedger(),
): string {
  const view = boardView(incident, config, now);
  const rows = timelineRows(incident, config);
  // The ledger of command comments this board was rendered from (see commandLedger).
  const header = renderMarker("board", ledgerData(ledger)) + "\n";
  let folded = 0;
  for (;;) {
    const body =
      header +
      renderTemplate(template, { ...view, timeline: rows.slice(folded), folded: folded || undefined });
    if (body.length <= COMMENT_LIMIT || folded >= rows.length)
      return body.length <= COMMENT_LIMIT ? body : body.slice(0, COMMENT_LIMIT);
    // Fold in proportion to the overshoot so very long timelines converge in a few passes.
    const over = body.length - COMMENT_LIMIT;
    const average = Math.max(1, Math.floor(body.length / Math.max(rows.length, 1)));
    folded = Math.min(rows.length, folded + Math.max(1, Math.ceil(over / average)));
  }
}
