import { codeSpan, ECHO_LENGTH } from "../text/codeSpan.js";

export type BranchSplit = { text: string; branches?: string[] } | { error: string };

// "/freeze friday 18:00 holiday closure branches: main, release/*" — the clause runs to the end of the line.
// Only the explicit keyword counts: "on main" would also match ordinary sentences ("incident on checkout").
const CLAUSE = /(^|[\s([])branch(?:es)?\s*:\s*([^)\]\n]*)[)\]]?\s*$/i;
const BRANCH = /^[A-Za-z0-9._/*?!{}[\]+@-]+$/;
const MAX_CLAUSE = 400;

export function splitBranches(text: string): BranchSplit {
  const index = text.toLowerCase().lastIndexOf("branch");
  if (index < 0 || text.length - index > MAX_CLAUSE) return { text };
  const start = Math.max(0, index - 1);
  const clause = CLAUSE.exec(text.slice(start));
  if (clause === null) return { text };
  const branches = (clause[2] ?? "").split(/[\s,]+/).filter((branch) => branch !== "");
  if (branches.length === 0) {
    return {
      error: "`branches:` needs at least one branch name or pattern, like `branches: main, release/*`.",
    };
  }
  const invalid = branches.find((branch) => !BRANCH.test(branch) || branch.length > 200);
  if (invalid !== undefined)
    return { error: `${codeSpan(invalid, ECHO_LENGTH)} is not a branch name or pattern.` };
  const kept = text.slice(0, start + (clause[1] ?? "").length);
  return { text: kept.replace(/[\s([,;]+$/, ""), branches };
}
