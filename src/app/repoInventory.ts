export interface InventoryRepo {
  owner: string;
  name: string;
}

interface Entry {
  repos: Map<string, InventoryRepo>;
  /** When the list was last confirmed against GitHub (wall clock); 0 when only events built it. */
  checkedAt: number;
}

const keyOf = (r: InventoryRepo) => `${r.owner}/${r.name}`.toLowerCase();

/**
 * Which repositories each installation covers, kept from `installation` and `installation_repositories`
 * events so a sweep does not list them every tick. A periodic conditional listing (304 when nothing
 * changed) catches anything an event missed.
 */
export class RepoInventory {
  readonly #entries = new Map<number, Entry>();

  /** The installation's repositories, or undefined when they must be listed (unknown or due a check). */
  repos(installationId: number, now: number, checkEveryMs: number): InventoryRepo[] | undefined {
    const entry = this.#entries.get(installationId);
    if (!entry || now - entry.checkedAt >= checkEveryMs) return undefined;
    return [...entry.repos.values()];
  }

  /** The listing GitHub gave: replaces what was known. */
  replace(installationId: number, repos: InventoryRepo[], now: number): void {
    this.#entries.set(installationId, { repos: new Map(repos.map((r) => [keyOf(r), r])), checkedAt: now });
  }

  add(installationId: number, repos: InventoryRepo[]): void {
    const entry = this.#entries.get(installationId);
    // Unknown installation: the next sweep lists it in full anyway.
    if (!entry) return;
    for (const repo of repos) entry.repos.set(keyOf(repo), repo);
  }

  remove(installationId: number, repos: InventoryRepo[]): void {
    const entry = this.#entries.get(installationId);
    if (!entry) return;
    for (const repo of repos) entry.repos.delete(keyOf(repo));
  }

  forget(installationId: number): void {
    this.#entries.delete(installationId);
  }

  /** Installations known from events or listings, and their sizes. */
  sizes(): Map<number, number> {
    return new Map([...this.#entries].map(([id, e]) => [id, e.repos.size]));
  }
}

/** `owner/name` → InventoryRepo, as installation events list repositories. */
export function fromFullNames(
  repositories: ReadonlyArray<{ full_name?: string }> | undefined,
): InventoryRepo[] {
  return (repositories ?? []).flatMap((r) => {
    const [owner, name] = (r.full_name ?? "").split("/");
    return owner && name ? [{ owner, name }] : [];
  });
}
