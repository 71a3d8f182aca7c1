import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/core/config/schema.js";
import { deployBranch } from "../../../src/core/deploys/deployBranch.js";
import { deployVerdict } from "../../../src/core/deploys/deployVerdict.js";
import { isGatedEnvironment } from "../../../src/core/deploys/isGatedEnvironment.js";

const config = configSchema.parse({
  business_hours: { timezone: "UTC" },
  freeze: {
    windows: [{ name: "Launch", start: "2026-11-17T11:00", end: "2026-11-17T13:00", timezone: "UTC" }],
  },
});
const at = (hhmm: string) => Date.parse(`2026-11-17T${hhmm}:00Z`);
const sha = "a".repeat(40);
const base = {
  config,
  defaultBranch: "main",
  freezeIssues: [],
  incidents: [],
  branch: "main",
  sha,
  approvers: ["@dave"],
};

describe("deploy gate", () => {
  it("gates production-like environments by default, case-insensitively", () => {
    for (const name of ["production", "Production", "prod", "prod-eu", "production-us", "live"])
      expect(isGatedEnvironment(name, config)).toBe(true);
    for (const name of ["staging", "preview-42", "qa"]) expect(isGatedEnvironment(name, config)).toBe(false);
  });

  it("reads the deployed ref's branch; tags and bare commits count as the default branch", () => {
    expect(deployBranch("release/2", "main")).toBe("release/2");
    expect(deployBranch("refs/heads/release/2", "main")).toBe("release/2");
    expect(deployBranch("refs/tags/v1.2.0", "main")).toBe("main");
    expect(deployBranch(sha, "main")).toBe("main");
  });

  it("holds during a freeze, lets a grant for this commit through, and not one given before the freeze", () => {
    expect(deployVerdict({ ...base, now: at("10:00"), grants: [] }).decision).toBe("approve");
    const held = deployVerdict({ ...base, now: at("11:30"), grants: [] });
    expect(held.decision).toBe("hold");
    expect(held.details).toMatch(/\/freeze-exception/);
    const grant = { sha, by: "dave", at: at("11:10"), reason: "hotfix", request: "1.1" };
    expect(deployVerdict({ ...base, now: at("11:30"), grants: [grant] }).decision).toBe("approve");
    expect(
      deployVerdict({ ...base, now: at("11:30"), grants: [{ ...grant, sha: "b".repeat(40) }] }).decision,
    ).toBe("hold");
    expect(
      deployVerdict({ ...base, now: at("11:30"), grants: [{ ...grant, at: at("10:50") }] }).decision,
    ).toBe("hold");
    // Another branch is not frozen.
    expect(deployVerdict({ ...base, branch: "develop", now: at("11:30"), grants: [] }).decision).toBe(
      "approve",
    );
  });
});
