// GitHub ids are per-kind sequences; starting each kind in its own range makes a mixed-up id
// (a comment id used as an issue id) fail loudly in tests instead of hitting the wrong object.
const FIRST_ID = {
  user: 1_000,
  team: 3_000,
  installation: 40_000_000,
  repo: 500_000,
  issue: 2_000_000_000,
  comment: 3_000_000_000,
  label: 4_000_000_000,
  event: 5_000_000_000,
  reaction: 6_000_000_000,
  checkRun: 7_000_000_000,
  checkSuite: 8_000_000_000,
  review: 9_000_000_000,
  workflowRun: 10_000_000_000,
  deployment: 11_000_000_000,
  release: 12_000_000_000,
  milestone: 13_000_000_000,
  activity: 14_000_000_000,
} as const;

export type IdKind = keyof typeof FIRST_ID;

export class IdAllocator {
  readonly #next = new Map<IdKind, number>();
  next(kind: IdKind): number {
    const id = this.#next.get(kind) ?? FIRST_ID[kind];
    this.#next.set(kind, id + 1);
    return id;
  }
}

/** GitHub's legacy global node id: base64("<len>:<Type><id>"), e.g. MDU6SXNzdWUx for Issue 1. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`${String(type.length).padStart(2, "0")}:${type}${id}`).toString("base64");
}
