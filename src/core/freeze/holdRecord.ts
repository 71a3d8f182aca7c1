import type { Config } from "../config/schema.js";
import type { FreezeHold } from "./freezeHold.js";
import { freezeMarker } from "./freezeIssue.js";
import { holdNotice } from "./holdNotice.js";

/**
 * The issue that keeps a freeze in force after a hand change by someone without the role to lift it. The
 * freeze checks read open freeze issues anyway, so a held freeze costs them no extra request, even when
 * the issue it came from is closed or lost its label. It freezes what the original froze: the same
 * branches, until the same end.
 */
export function renderHoldRecord(input: {
  origin: number;
  hold: FreezeHold;
  kind: "freeze" | "incident";
  branches: string[];
  until?: number;
  config: Config;
}): { title: string; body: string } {
  const { origin, hold, config } = input;
  const marker = freezeMarker({
    ...(input.until !== undefined ? { until: input.until } : {}),
    branches: input.branches,
    requestedBy: hold.by,
    reason: `the freeze of #${origin} holds: ${hold.by} ${hold.change} without the ${hold.needed} role it takes`,
    heldFor: origin,
  });
  const body = [
    marker,
    `This issue keeps the code freeze of #${origin} in force.`,
    "",
    holdNotice(hold, config, input.kind),
    "",
    `Closing this issue or commenting \`/unfreeze\` here lifts the freeze too, for someone with the ${hold.needed} role. Closed or unlabelled by anyone else, this record is put back: it is Expedite's, not a responder's decision.`,
  ].join("\n");
  return { title: `Code freeze held: #${origin}`, body };
}
