import { describe, expect, it } from "vitest";
import { checkWrites, clampSummary } from "../../../src/core/freeze/checkRun.js";
import type { CheckRunState } from "../../../src/core/freeze/checkRun.js";

const OUTPUT = { conclusion: "failure" as const, title: "Code freeze", summary: "Held back" };
const run = (id: number, overrides: Partial<CheckRunState> = {}): CheckRunState => ({
  id,
  status: "completed",
  conclusion: "failure",
  title: "Code freeze",
  summary: "Held back",
  externalId: null,
  ...overrides,
});

describe("checkWrites", () => {
  it("creates the run when the commit has none of ours", () => {
    expect(checkWrites([], OUTPUT)).toEqual({ create: true, rewrite: [] });
  });

  it("writes nothing when every run already says this, and rewrites each one that does not", () => {
    expect(checkWrites([run(1), run(2)], OUTPUT)).toEqual({ create: false, rewrite: [] });
    expect(checkWrites([run(1), run(2, { conclusion: "success" })], OUTPUT)).toEqual({
      create: false,
      rewrite: [2],
    });
    expect(checkWrites([run(1)], { ...OUTPUT, externalId: "grants:5.1" }).rewrite).toEqual([1]);
  });

  it("compares against the summary as GitHub keeps it, cut to its limit", () => {
    const long = "x".repeat(70_000);
    expect(
      checkWrites([run(1, { summary: clampSummary(long) })], { ...OUTPUT, summary: long }).rewrite,
    ).toEqual([]);
  });
});
