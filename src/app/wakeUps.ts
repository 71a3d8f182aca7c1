import type { Clock } from "../core/time/clock.js";

/** setTimeout's longest delay is about 24.8 days; a longer wait is re-armed when this one fires. */
const MAX_DELAY_MS = 24 * 3_600_000;
/** Fire a moment after the deadline, so the reconcile's clock is past it whatever the rounding. */
const SLACK_MS = 1_000;

/**
 * One timer per object for its next deadline (an incident's acknowledgement, escalation step or update
 * reminder). Setting a key replaces its timer; undefined cancels it. Clocks then fire on time however
 * long a sweep over every repository takes. The Redis mode replaces this with delayed jobs.
 */
export class WakeUps<T> {
  readonly #timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  readonly #clock: Clock;
  readonly #fire: (key: string, value: T) => void;

  constructor(clock: Clock, fire: (key: string, value: T) => void) {
    this.#clock = clock;
    this.#fire = fire;
  }

  set(key: string, at: number | undefined, value: T): void {
    const existing = this.#timers.get(key);
    if (existing && existing.at === at) return;
    if (existing) clearTimeout(existing.timer);
    this.#timers.delete(key);
    if (at === undefined) return;
    const delay = Math.min(Math.max(0, at - this.#clock()) + SLACK_MS, MAX_DELAY_MS);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.#fire(key, value);
    }, delay);
    timer.unref();
    this.#timers.set(key, { at, timer });
  }

  get size(): number {
    return this.#timers.size;
  }

  clear(): void {
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
