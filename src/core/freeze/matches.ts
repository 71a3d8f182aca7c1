import picomatch from "picomatch";

// Branch names and paths both contain "/", so globs follow path rules: "release/*" matches "release/1.2"
// but not "release/1.2/hotfix"; "release/**" matches both. `dot` because a leading dot is still a name.
const OPTIONS = { dot: true } as const;

/** merge_group events carry "refs/heads/main"; the config speaks of "main". */
export function branchName(ref: string): string {
  return ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : ref;
}

/** Whether a branch name or path matches one of the globs. */
export function matchesAny(value: string, globs: readonly string[]): boolean {
  return globs.length > 0 && picomatch([...globs], OPTIONS)(value);
}

/**
 * Whether a freeze scoped to `globs` covers the base branch. No globs means the repository's default
 * branch only: that is what a freeze is for unless the team says otherwise.
 */
export function freezeCoversBranch(base: string, globs: readonly string[], defaultBranch: string): boolean {
  const name = branchName(base);
  if (globs.length === 0) return name === branchName(defaultBranch);
  return matchesAny(name, globs);
}

/**
 * True when every changed path matches an ignore_paths glob, so the merge cannot touch what the freeze
 * protects. Unknown or empty file lists are not proof of anything and never count.
 */
export function onlyIgnoredPaths(
  files: readonly string[] | undefined,
  ignorePaths: readonly string[],
): boolean {
  if (files === undefined || files.length === 0 || ignorePaths.length === 0) return false;
  const ignored = picomatch([...ignorePaths], OPTIONS);
  return files.every((file) => ignored(file));
}
