import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { freezesMerges } from "./activeFreezes.js";

/** One span during which an incident froze merges and deploys; open-ended while it still does. */
export interface FreezePeriod {
  startedAt: number;
  endedAt?: number;
}

/**
 * Replays an incident's freezes from its timeline: a freeze starts when the incident is open, unsettled and
 * of a freezing severity, and ends when any of that stops being true (resolved, cancelled, closed, severity
 * lowered). The fold observes the incident after each event; the same timeline always gives the same spans,
 * so each span is one freeze with a stable identity (its position) however often it is replayed.
 */
export class FreezePeriods {
  readonly #config: Config;
  readonly #from: number;
  readonly #periods: FreezePeriod[] = [];

  /** `from`: the declaration; nothing froze before it. */
  constructor(config: Config, from: number) {
    this.#config = config;
    this.#from = from;
  }

  observe(at: number, incident: Pick<Incident, "open" | "state" | "severity">): void {
    const frozen = freezesMerges(incident, this.#config);
    const last = this.#periods.at(-1);
    const running = last !== undefined && last.endedAt === undefined;
    const when = Math.max(at, this.#from);
    if (frozen && !running) this.#periods.push({ startedAt: when });
    else if (!frozen && last && running) {
      // A freeze undone at the instant it began (a severity corrected in the same breath) never froze.
      if (when <= last.startedAt) this.#periods.pop();
      else last.endedAt = when;
    }
  }

  get periods(): FreezePeriod[] {
    return this.#periods.map((p) => ({ ...p }));
  }
}
