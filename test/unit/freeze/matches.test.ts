import { describe, expect, it } from "vitest";
import {
  branchName,
  freezeCoversBranch,
  matchesAny,
  onlyIgnoredPaths,
} from "../../../src/core/freeze/matches.js";

describe("branch scope", () => {
  it("covers only the default branch when no globs are configured", () => {
    expect(freezeCoversBranch("main", [], "main")).toBe(true);
    expect(freezeCoversBranch("develop", [], "main")).toBe(false);
    expect(freezeCoversBranch("refs/heads/main", [], "main")).toBe(true);
  });

  it("follows globs, which then replace the default branch", () => {
    const globs = ["release/*", "prod"];
    expect(freezeCoversBranch("release/1.2", globs, "main")).toBe(true);
    expect(freezeCoversBranch("release/1.2/hotfix", globs, "main")).toBe(false);
    expect(freezeCoversBranch("prod", globs, "main")).toBe(true);
    expect(freezeCoversBranch("main", globs, "main")).toBe(false);
    expect(freezeCoversBranch("refs/heads/release/2.0", globs, "main")).toBe(true);
    expect(matchesAny("release/1.2/hotfix", ["release/**"])).toBe(true);
    expect(matchesAny("anything", [])).toBe(false);
  });

  it("strips refs/heads/ only", () => {
    expect(branchName("refs/heads/feature/x")).toBe("feature/x");
    expect(branchName("refs/tags/v1")).toBe("refs/tags/v1");
  });
});

describe("onlyIgnoredPaths", () => {
  const ignore = ["docs/**", "**/*.md", ".github/ISSUE_TEMPLATE/**"];

  it("is true when every changed file is ignored", () => {
    expect(
      onlyIgnoredPaths(["docs/a.md", "README.md", "src/notes.md", ".github/ISSUE_TEMPLATE/x.yml"], ignore),
    ).toBe(true);
  });

  it("is false as soon as one file is not ignored", () => {
    expect(onlyIgnoredPaths(["docs/a.md", "src/cart.ts"], ignore)).toBe(false);
  });

  it("is false when the file list is unknown or empty, or nothing is ignored", () => {
    expect(onlyIgnoredPaths(undefined, ignore)).toBe(false);
    expect(onlyIgnoredPaths([], ignore)).toBe(false);
    expect(onlyIgnoredPaths(["docs/a.md"], [])).toBe(false);
  });
});
