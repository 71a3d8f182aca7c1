import type { Lanes } from "../github/types.js";

/**
 * One process's lanes: jobs for the same key run one after another, in the order they asked; different
 * keys run side by side. The Redis mode replaces this with a lock shared by every replica, behind the same
 * `Lanes` interface.
 */
export class MemoryLanes implements Lanes {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(job, job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with a job running or waiting (for tests and metrics). */
  get busy(): number {
    return this.#tails.size;
  }
}
