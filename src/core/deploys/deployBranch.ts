import { branchName } from "../freeze/matches.js";

/**
 * The branch whose freezes apply to a deployment of `ref`. A workflow run on a branch deploys that
 * branch; a tag or a bare commit names no branch, so the default branch's freezes (the ones that guard
 * production) apply.
 */
export function deployBranch(ref: string, defaultBranch: string): string {
  if (ref === "" || ref.startsWith("refs/tags/") || ref.startsWith("refs/pull/")) return defaultBranch;
  if (/^[0-9a-f]{40}$/i.test(ref)) return defaultBranch;
  return branchName(ref);
}
