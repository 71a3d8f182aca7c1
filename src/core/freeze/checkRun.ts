// The `expedite/freeze` check run as plain data: what to write, and what is on the commit already.

export interface CheckOutput {
  conclusion: "success" | "failure";
  title: string;
  summary: string;
  /**
   * Data only this App can write: people can edit comments, but not another App's check run, so records
   * that must not be forged (the exceptions granted for this commit) live here.
   */
  externalId?: string;
}

/** One of our check runs on a commit, as far as a rewrite cares. */
export interface CheckRunState {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  externalId: string | null;
  /** When the run was first written: when Expedite first saw this head. */
  startedAt?: number;
}

/** GitHub refuses a summary over 65,535 characters. */
export function clampSummary(summary: string): string {
  return summary.length > 65_000 ? summary.slice(0, 65_000) + "\n…" : summary;
}

/**
 * What writing `output` takes: create a run when there is none, else rewrite every run of ours that says
 * something else. Two reconcilers creating the run for a new commit at the same instant can leave two
 * (GitHub cannot delete one), so every one is kept saying the same thing. Nothing when all already agree.
 */
export function checkWrites(
  runs: readonly CheckRunState[],
  output: CheckOutput,
): { create: boolean; rewrite: number[] } {
  const summary = clampSummary(output.summary);
  const current = (run: CheckRunState) =>
    run.status === "completed" &&
    run.conclusion === output.conclusion &&
    run.title === output.title &&
    run.summary === summary &&
    (run.externalId ?? "") === (output.externalId ?? "");
  return {
    create: runs.length === 0,
    rewrite: runs.filter((run) => !current(run)).map((run) => run.id),
  };
}
