import { describe, expect, it } from "vitest";
import { mergeGroupCheck } from "../../../src/core/freeze/mergeGroupCheck.js";
import type { FreezeVerdict } from "../../../src/core/freeze/types.js";

const verdict = (conclusion: "success" | "failure", title: string): FreezeVerdict => ({
  conclusion,
  title,
  summary: `${title} in full`,
  freezes: [],
});

describe("mergeGroupCheck", () => {
  it("passes when nothing freezes the base, whatever the group holds", () => {
    expect(mergeGroupCheck("main", false, [])).toMatchObject({
      conclusion: "success",
      title: "No code freeze applies",
    });
  });

  it("during a freeze passes only when every pull request in the group passes on its own", () => {
    const pass = mergeGroupCheck("main", true, [
      { number: 3, verdict: verdict("success", "Hotfix for #12") },
    ]);
    expect(pass).toMatchObject({ conclusion: "success", summary: "- #3: Hotfix for #12" });
    const fail = mergeGroupCheck("main", true, [
      { number: 3, verdict: verdict("success", "Hotfix for #12") },
      { number: 4, verdict: verdict("failure", "Code freeze: launch") },
    ]);
    expect(fail).toMatchObject({ conclusion: "failure", title: "Code freeze: launch" });
    expect(fail.summary).toBe("### #4\n\nCode freeze: launch in full");
  });

  it("fails closed when the group's pull requests cannot be told from its branch", () => {
    expect(mergeGroupCheck("main", true, [])).toMatchObject({
      conclusion: "failure",
      summary: "The merge group's pull requests could not be identified from its branch name.",
    });
  });
});
