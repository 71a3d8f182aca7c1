import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

// package.json's `engines` is a promise to whoever deploys the App: every runtime dependency must accept
// the oldest Node it names. (content-type 3, under Octokit's request library, needs Node 22.)

const root = new URL("../../../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8")) as {
  packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }>;
};

describe("engines", () => {
  it("the oldest Node package.json allows satisfies every runtime dependency's own engines", () => {
    const oldest = semver.minVersion(pkg.engines.node);
    expect(oldest).not.toBeNull();
    const refused = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== "" && !entry.dev && !Array.isArray(entry.engines))
      .flatMap(([path, entry]) => {
        const wanted = (entry.engines as { node?: string } | undefined)?.node;
        return wanted && !semver.satisfies(oldest!, wanted) ? [`${path} needs node ${wanted}`] : [];
      });
    expect(refused).toEqual([]);
  });
});
