import type { Config } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";
import type { Incident } from "../types.js";
import { escalationOrigin } from "./escalationOrigin.js";
import { resolveHandles } from "./resolveHandles.js";
import { stepWords } from "./stepWords.js";

/**
 * The timeline's words for one escalation notice: who it called and which steps it carried out, e.g.
 * "escalated to erin, acme/tech-leads (step 1 of 3 on the revenue ladder, 30m from the report)".
 */
export function escalatedText(keys: readonly string[], incident: Incident, config: Config): string {
  const people = new Set<string>();
  for (const key of keys) {
    const match = /^(.*):(\d+)$/.exec(key);
    const step = config.escalation.ladders.find((l) => l.name === match?.[1])?.steps[Number(match?.[2])];
    if (step === undefined) continue;
    const dueAt = escalationOrigin(incident, config) + durationMs(step.after);
    for (const handle of resolveHandles(step.notify, incident, config, dueAt))
      people.add(handle.replace(/^@/, ""));
  }
  const to = people.size > 0 ? ` to ${[...people].join(", ")}` : "";
  return `escalated${to} (${keys.map((key) => stepWords(key, config)).join("; ")})`;
}
