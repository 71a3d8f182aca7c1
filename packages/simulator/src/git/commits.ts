// A tiny object store: commits hold whole file maps (repos in tests are small), refs point at commits.
import type { CommitRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { commitSha, treeSha } from "./hashes.js";

export function createCommit(
  world: World,
  repo: RepoRecord,
  input: { parents: string[]; files: ReadonlyMap<string, string>; message: string; author: string },
): CommitRecord {
  const at = world.now();
  const tree = treeSha(input.files);
  // The salt keeps two identical commits made in the same millisecond distinct, as real timestamps would.
  const sha = commitSha({
    tree,
    parents: input.parents,
    author: input.author,
    at,
    message: input.message,
    salt: repo.commits.size,
  });
  const commit: CommitRecord = {
    sha,
    treeSha: tree,
    files: new Map(input.files),
    parents: input.parents,
    message: input.message,
    author: input.author,
    at,
  };
  repo.commits.set(sha, commit);
  repo.contributors.add(input.author.toLowerCase());
  return commit;
}

/** Applies file changes (null deletes) on top of a commit's tree. */
export function applyChanges(
  base: ReadonlyMap<string, string>,
  changes: Record<string, string | null>,
): Map<string, string> {
  const files = new Map(base);
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) files.delete(path);
    else files.set(path, content);
  }
  return files;
}

/** Resolves what GitHub accepts as a ref: a full or abbreviated sha, a branch, a tag, or a refs/… path. */
export function resolveRef(repo: RepoRecord, ref: string): string | undefined {
  const name = ref.replace(/^refs\//, "");
  if (repo.refs.has(name)) return repo.refs.get(name);
  if (repo.refs.has(`heads/${name}`)) return repo.refs.get(`heads/${name}`);
  if (repo.refs.has(`tags/${name}`)) return repo.refs.get(`tags/${name}`);
  if (/^[0-9a-f]{7,40}$/i.test(ref)) {
    const lower = ref.toLowerCase();
    if (repo.commits.has(lower)) return lower;
    const matches = [...repo.commits.keys()].filter((sha) => sha.startsWith(lower));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

export function commit(repo: RepoRecord, sha: string): CommitRecord {
  const found = repo.commits.get(sha);
  if (!found) throw new Error(`simulator: no commit ${sha} in ${repo.owner}/${repo.name}`);
  return found;
}

export function branchSha(repo: RepoRecord, branch: string): string | undefined {
  return repo.refs.get(`heads/${branch}`);
}

function ancestors(repo: RepoRecord, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return seen;
}

export function isAncestor(repo: RepoRecord, ancestor: string, descendant: string): boolean {
  return ancestors(repo, descendant).has(ancestor);
}

/** The nearest common ancestor (breadth-first from `b`), as `git merge-base`. */
export function mergeBase(repo: RepoRecord, a: string, b: string): string | undefined {
  const fromA = ancestors(repo, a);
  const queue = [b];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const sha = queue.shift()!;
    if (fromA.has(sha)) return sha;
    if (seen.has(sha)) continue;
    seen.add(sha);
    queue.push(...(repo.commits.get(sha)?.parents ?? []));
  }
  return undefined;
}

/** Commits reachable from `head` but not from `base`, oldest first. */
export function commitsBetween(repo: RepoRecord, base: string | undefined, head: string): string[] {
  const excluded = base === undefined ? new Set<string>() : ancestors(repo, base);
  const included = [...ancestors(repo, head)].filter((sha) => !excluded.has(sha));
  return included.sort((x, y) => commit(repo, x).at - commit(repo, y).at);
}
