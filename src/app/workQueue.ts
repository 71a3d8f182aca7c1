/**
 * Serialises work per key (one incident, one pull request) and coalesces bursts: while a job for a key is
 * waiting, further requests for that key join it instead of queueing again. Webhook handlers enqueue and
 * return at once, so GitHub gets its answer well inside its 10-second window however slow the API is.
 */
export class WorkQueue {
  readonly #chains = new Map<string, Promise<void>>();
  readonly #waiting = new Map<string, Promise<void>>();
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
      try {
        await job();
      } catch (error) {
        this.#onError(key, error);
      }
    });
    this.#waiting.set(key, run);
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

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
