import type { Config } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";
import { formatDuration } from "../time/formatTime.js";
import { originWords } from "./escalationOrigin.js";

/**
 * An escalation step as people read it: "step 1 of 3 on the revenue ladder, 30m from the report". The
 * marker key (`revenue:0`) is how notices remember a step; it is never shown. A key that names no
 * configured step (the ladder was renamed since) is described as well as it can be.
 */
export function stepWords(key: string, config: Config): string {
  const match = /^(.*):(\d+)$/.exec(key);
  const name = match?.[1] ?? key;
  const index = Number(match?.[2] ?? 0);
  const ladder = config.escalation.ladders.find((l) => l.name === name);
  const step = ladder?.steps[index];
  if (ladder === undefined || step === undefined)
    return `step ${index + 1} on the ${name} ladder (no longer configured)`;
  return `step ${index + 1} of ${ladder.steps.length} on the ${name} ladder, ${formatDuration(durationMs(step.after))} ${originWords(config)}`;
}
