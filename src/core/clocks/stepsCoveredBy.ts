import type { Config } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";
import type { Incident } from "../types.js";
import { CLOCK_SKEW_MS } from "./coveringNotice.js";
import { escalationOrigin } from "./escalationOrigin.js";

export interface CoveredStep {
  ladder: string;
  index: number;
  key: string;
  dueAt: number;
  notify: string[];
  note?: string;
  /** When the notice that carried out this step was posted, and which comment it is. */
  postedAt: number;
  commentId: number;
}

/**
 * The escalation steps the bot has already carried out, oldest first, for the board's "escalated to @cto
 * at …". Every configured ladder is consulted, not just the current one, so history survives a change of
 * severity or revenue impact. A claim is honoured only from a notice posted at or after the step's due
 * time (see coveringNotice); keys naming no configured step are ignored.
 */
export function stepsCoveredBy(incident: Incident, config: Config): CoveredStep[] {
  const covered = new Map<string, CoveredStep>();
  for (const notice of incident.notices) {
    if (notice.kind !== "escalation") continue;
    for (const key of notice.keys) {
      const step = stepForKey(incident, config, key);
      if (!step || notice.at < step.dueAt - CLOCK_SKEW_MS) continue;
      const known = covered.get(key);
      if (known && known.postedAt <= notice.at) continue;
      covered.set(key, { ...step, postedAt: notice.at, commentId: notice.commentId });
    }
  }
  return [...covered.values()].sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
}

function stepForKey(incident: Incident, config: Config, key: string) {
  const match = /^([a-z0-9][a-z0-9-]*):(\d+)$/.exec(key);
  if (!match) return undefined;
  const [, name = "", position = ""] = match;
  const index = Number(position);
  const step = config.escalation.ladders.find((ladder) => ladder.name === name)?.steps[index];
  if (!step) return undefined;
  return {
    ladder: name,
    index,
    key,
    dueAt: escalationOrigin(incident, config) + durationMs(step.after),
    notify: [...step.notify],
    ...(step.note !== undefined ? { note: step.note } : {}),
  };
}
