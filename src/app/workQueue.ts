/**
 * Serialises work per key (one incident, one pull request) and coalesces bursts: while a job for a key is
 * waiting, further requests for that key join it instead of queueing again. Webhook handlers enqueue and
 * return at once, so GitHub gets its answer well inside its 10-second window however slow the API is.
 */
export class WorkQueue {
  readonly #chains = new Map<string, Promise<void>>();
  readonly #waiting = new Map<string, Promise<void>>();
  readonly #waitingSince = new Map<string, number>();
  readonly #running = new Set<string>();
  #pending = 0;
  #idleWaiters: Array<() => void> = [];
  readonly #onError: (key: string, error: unknown) => void;

  constructor(onError: (key: string, error: unknown) => void) {
    this.#onError = onError;
  }

  /** Runs `job` after any running job for the same key; joins a job for that key that has not started yet. */
  enqueue(key: string, job: () => Promise<void>): Promise<void> {
    const waiting = this.#waiting.get(key);
    if (waiting) return waiting;
    this.#pending++;
    const previous = this.#chains.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      this.#waiting.delete(key);
      this.#waitingSince.delete(key);
      this.#running.add(key);
      try {
        await job();
      } catch (error) {
        this.#onError(key, error);
      } finally {
        this.#running.delete(key);
      }
    });
    this.#waiting.set(key, run);
    this.#waitingSince.set(key, Date.now());
    const tail = run.finally(() => {
      if (this.#chains.get(key) === tail) this.#chains.delete(key);
      this.#pending--;
      if (this.#pending === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
    });
    this.#chains.set(key, tail);
    return run;
  }

  get size(): number {
    return this.#pending;
  }

  /** How long the job that has waited longest to start has been waiting, in ms (0 when none waits). */
  oldestWaitingMs(now = Date.now()): number {
    let oldest = now;
    for (const since of this.#waitingSince.values()) oldest = Math.min(oldest, since);
    return now - oldest;
  }

  /** Keys of jobs running now and of jobs waiting to start (what a shutdown would leave undone). */
  unfinished(): { running: string[]; waiting: string[] } {
    return { running: [...this.#running], waiting: [...this.#waitingSince.keys()] };
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
