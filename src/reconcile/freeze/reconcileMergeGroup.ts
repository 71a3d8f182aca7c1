import type { Config } from "../../core/config/schema.js";
import type { Templates } from "../../core/render/templates.js";
import { activeFreezes } from "../../core/freeze/activeFreezes.js";
import type { GitHubContext } from "../../github/types.js";
import { readPull } from "../../github/pulls.js";
import { writeCheck } from "../../github/checkRuns.js";
import type { Target } from "../targetsOf.js";
import { freezeInputs } from "./freezeInputs.js";
import { reconcilePull } from "./reconcilePull.js";
import { inLane } from "../inLane.js";

const QUEUE_REF = /pr-(\d+)-[0-9a-f]+$/;

/**
 * The merge queue asks for checks on a temporary branch. With no freeze on the base the group passes;
 * during a freeze it passes only if every pull request in it would pass on its own (exception or hotfix).
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
  const freezes = activeFreezes({ ...inputs, now, config, base });
  let output = {
    conclusion: "success" as "success" | "failure",
    title: "No code freeze applies",
    summary: `Nothing freezes \`${base}\` right now.`,
  };
  if (freezes.length > 0) {
    const numbers = [...target.headRef.matchAll(/pr-(\d+)-/g)].map((m) => Number(m[1]));
    const fromRef = QUEUE_REF.exec(target.headRef);
    if (numbers.length === 0 && fromRef) numbers.push(Number(fromRef[1]));
    const verdicts = [];
    for (const number of numbers) {
      // Each pull request's own check in its lane (a pull request's lane is never held while waiting).
      const verdict = await inLane(gh, number, async () =>
        reconcilePull(gh, config, templates, inputs, await readPull(gh, number), now),
      );
      verdicts.push({ number, verdict: verdict.verdict });
    }
    const blocked = verdicts.filter((v) => v.verdict.conclusion === "failure");
    output =
      blocked.length === 0 && verdicts.length > 0
        ? {
            conclusion: "success",
            title: "Every pull request in this group may pass the freeze",
            summary: verdicts.map((v) => `- #${v.number}: ${v.verdict.title}`).join("\n"),
          }
        : {
            conclusion: "failure",
            title:
              blocked[0]?.verdict.title ??
              "Code freeze: this merge group cannot be checked against its pull requests",
            summary:
              blocked.length > 0
                ? blocked.map((v) => `### #${v.number}\n\n${v.verdict.summary}`).join("\n\n")
                : "The merge group's pull requests could not be identified from its branch name.",
          };
  }
  const wrote = await writeCheck(gh, config.freeze.check_name, target.headSha, output);
  return { writes: wrote ? 1 : 0, conclusion: output.conclusion };
}
