import type { Config } from "../../core/config/schema.js";
import type { Templates } from "../../core/render/templates.js";
import { activeFreezes } from "../../core/freeze/activeFreezes.js";
import { checkWrites } from "../../core/freeze/checkRun.js";
import { mergeGroupCheck } from "../../core/freeze/mergeGroupCheck.js";
import type { FreezeVerdict } from "../../core/freeze/types.js";
import { describeCheck } from "../../core/plan/describePlan.js";
import type { GitHubContext } from "../../github/types.js";
import { readPull } from "../../github/pulls.js";
import { ourRuns, writeCheck } from "../../github/checkRuns.js";
import type { Target } from "../targetsOf.js";
import { freezeInputs } from "./freezeInputs.js";
import { reconcilePull } from "./reconcilePull.js";
import { inLane } from "../inLane.js";

const QUEUE_REF = /pr-(\d+)-[0-9a-f]+$/;

/**
 * The merge queue asks for checks on a temporary branch: read its pull requests' verdicts (each reconciled
 * in its own lane), decide (core/freeze/mergeGroupCheck.ts), and write the check if it changed.
 */
export async function reconcileMergeGroup(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  target: Extract<Target, { kind: "merge-group" }>,
  now: number,
): Promise<{ writes: number; conclusion: "success" | "failure" }> {
  const inputs = await freezeInputs(gh, config);
  const base = target.baseRef.replace(/^refs\/heads\//, "");
  const frozen = activeFreezes({ ...inputs, now, config, base }).length > 0;
  const verdicts: Array<{ number: number; verdict: FreezeVerdict }> = [];
  if (frozen) {
    const numbers = [...target.headRef.matchAll(/pr-(\d+)-/g)].map((m) => Number(m[1]));
    const fromRef = QUEUE_REF.exec(target.headRef);
    if (numbers.length === 0 && fromRef) numbers.push(Number(fromRef[1]));
    for (const number of numbers) {
      // Each pull request's own check in its lane (a pull request's lane is never held while waiting).
      const { verdict } = await inLane(gh, number, async () =>
        reconcilePull(gh, config, templates, inputs, await readPull(gh, number), now),
      );
      verdicts.push({ number, verdict });
    }
  }
  const output = mergeGroupCheck(base, frozen, verdicts);
  const name = config.freeze.check_name;
  const runs = await ourRuns(gh, name, target.headSha);
  if (gh.dryRun) {
    const { create, rewrite } = checkWrites(runs, output);
    const lines = create || rewrite.length > 0 ? [describeCheck(name, target.headSha, output)] : [];
    gh.dryRun.record(lines);
    return { writes: lines.length, conclusion: output.conclusion };
  }
  const wrote = await writeCheck(gh, name, target.headSha, output, undefined, { runs });
  return { writes: wrote ? 1 : 0, conclusion: output.conclusion };
}
