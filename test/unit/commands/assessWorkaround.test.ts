import { describe, expect, it } from "vitest";
import { assessWorkaround } from "../../../src/core/commands/assessWorkaround.js";

// Issue 18: a workaround is journaled for the people affected and the post-mortem, like a resolution.
describe("assessWorkaround", () => {
  it.each([
    "Card traffic switched to the backup provider",
    "Failed over to the standby region",
    "Rolled back release 42",
    "Disabled the recommendations feature flag",
    "See #123",
  ])("accepts %j", (text) => {
    expect(assessWorkaround(text)).toEqual({ ok: true });
  });

  it.each([
    "",
    "...",
    "👍",
    "done",
    "ok",
    "fixed for now",
    "Workaround in place.",
    "Mitigated",
    "temporary fix",
  ])("refuses %j and says what a workaround needs", (text) => {
    const result = assessWorkaround(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/Say what is in place/);
  });

  it("refuses one word of substance as too short to follow", () => {
    const result = assessWorkaround("restarted it");
    expect(result.ok ? "" : result.reason).toMatch(/too short/);
  });
});
