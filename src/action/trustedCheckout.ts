import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type CheckoutVerdict = { trusted: true; root: string } | { trusted: false; reason: string };

/**
 * Whether the runner's workspace is a checkout of this repository's default branch, so that the
 * configuration found there is the one the API would return. Anything else (no checkout, a pull
 * request's merge commit, another repository, a detached HEAD) is not trusted: a pull request must not
 * be able to bring its own configuration to the check that judges it.
 */
export function trustedCheckout(
  workspace: string | undefined,
  repository: { owner: string; repo: string },
  defaultBranch: string | undefined,
): CheckoutVerdict {
  if (!workspace) return { trusted: false, reason: "no workspace" };
  if (!defaultBranch) return { trusted: false, reason: "the default branch is not known" };
  const git = join(workspace, ".git");
  let head: string;
  let config: string;
  try {
    // A `.git` file (worktree, submodule) points elsewhere; only a plain checkout is read.
    if (!lstatSync(git).isDirectory()) return { trusted: false, reason: ".git is not a directory" };
    head = readFileSync(join(git, "HEAD"), "utf8").trim();
    config = readFileSync(join(git, "config"), "utf8");
  } catch {
    return { trusted: false, reason: "no git checkout in the workspace" };
  }
  if (head !== `ref: refs/heads/${defaultBranch}`)
    return {
      trusted: false,
      reason: `the workspace is not on ${defaultBranch} (HEAD: ${head.slice(0, 60)})`,
    };
  const origin = originUrl(config);
  if (origin === undefined || !namesRepository(origin, repository))
    return {
      trusted: false,
      reason: `the workspace is not a checkout of ${repository.owner}/${repository.repo}`,
    };
  return { trusted: true, root: workspace };
}

/** The `url` of `[remote "origin"]` in a git config file. */
function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inOrigin = /^\[remote\s+"origin"\]$/.test(line);
      continue;
    }
    const match = /^url\s*=\s*(.+)$/.exec(line);
    if (inOrigin && match) return match[1]?.trim();
  }
  return undefined;
}

/** https://github.com/o/r(.git), git@github.com:o/r.git, ssh://… all end in "o/r". */
function namesRepository(url: string, { owner, repo }: { owner: string; repo: string }): boolean {
  const path = url
    .replace(/\.git\/?$/, "")
    .replace(/\/+$/, "")
    .toLowerCase();
  const wanted = `${owner}/${repo}`.toLowerCase();
  return path.endsWith(`/${wanted}`) || path.endsWith(`:${wanted}`);
}
