/** A small seeded PRNG (mulberry32): the same seed gives the same scenario on every machine. */
export class Rng {
  #state: number;

  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed a suite runs with: EXPEDITE_SEED overrides the default so a failure can be replayed. */
export function seedFrom(fallback: number): number {
  const raw = process.env.EXPEDITE_SEED;
  if (raw === undefined || raw.trim() === "") return fallback;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`EXPEDITE_SEED must be an integer, got ${raw}`);
  return seed;
}
