// Time is injected everywhere (epoch milliseconds) so tests and the simulator can share one clock.
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A clock tests move by hand; `now` is bound so it can be passed around as a Clock. */
export class ManualClock {
  #now: number;
  constructor(start: number | string | Date) {
    this.#now = typeof start === "number" ? start : new Date(start).getTime();
  }
  readonly now: Clock = () => this.#now;
  set(at: number | string | Date): void {
    this.#now = typeof at === "number" ? at : new Date(at).getTime();
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
