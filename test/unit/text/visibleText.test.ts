import { describe, expect, it } from "vitest";
import { visibleText } from "../../../src/core/text/visibleText.js";
import { referencedNumbers } from "../../../src/reconcile/targetsOf.js";

const refs = (markdown: string) => referencedNumbers(visibleText(markdown));

describe("visibleText", () => {
  it("keeps references a reader sees", () => {
    expect(refs("Fixes #12")).toEqual([12]);
    expect(refs("- [x] hotfix for **#12**\n> see #13")).toEqual([12, 13]);
    expect(refs("[the incident](https://example.com) #14")).toEqual([14]);
  });

  it("drops references hidden in comments, code and HTML", () => {
    expect(refs("Tidy up <!-- #1 -->")).toEqual([]);
    expect(refs("<!--\n#1\n-->\nTidy up")).toEqual([]);
    expect(refs("Mentions `#1` in code")).toEqual([]);
    expect(refs("```\n#1\n```")).toEqual([]);
    expect(refs("    #1 indented code")).toEqual([]);
    expect(refs('<span title="#1">x</span>')).toEqual([]);
  });

  it("does not glue the words of two blocks into a reference", () => {
    expect(refs("text#\n\n1")).toEqual([]);
    expect(refs("a `x`#1")).toEqual([1]);
  });
});
