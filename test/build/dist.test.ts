import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("dist/", () => {
  it("matches a fresh build of the source (run `npm run build` and commit dist/)", () => {
    const out = join(mkdtempSync(join(tmpdir(), "expedite-dist-")), "index.js");
    execFileSync(process.execPath, ["scripts/build-action.mjs", out], {
      cwd: new URL("../..", import.meta.url),
    });
    const fresh = readFileSync(out, "utf8");
    const committed = readFileSync(new URL("../../dist/index.js", import.meta.url), "utf8");
    expect(committed.length).toBe(fresh.length);
    expect(committed === fresh).toBe(true);
  });
});
