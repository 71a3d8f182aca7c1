import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url);

function rebuilt(script: string, name: string): string {
  const out = join(mkdtempSync(join(tmpdir(), "expedite-dist-")), name);
  execFileSync(process.execPath, [script, out], { cwd: ROOT });
  return out;
}

describe("dist/", () => {
  it("index.js (the Action) matches a fresh build of the source (run `npm run build` and commit dist/)", () => {
    const fresh = readFileSync(rebuilt("scripts/build-action.mjs", "index.js"), "utf8");
    const committed = readFileSync(new URL("dist/index.js", ROOT), "utf8");
    expect(committed.length).toBe(fresh.length);
    expect(committed === fresh).toBe(true);
  });

  it("app.js and app.js.map (the App server) match a fresh build (run `npm run build` and commit dist/)", async () => {
    const script = "../../scripts/build-app.mjs";
    const { bundleApp } = (await import(script)) as {
      bundleApp: (outfile?: string, write?: boolean) => Promise<Array<{ path: string; text: string }>>;
    };
    const files = await bundleApp(undefined, false);
    expect(files.map((f) => basename(f.path)).sort()).toEqual(["app.js", "app.js.map"]);
    for (const file of files) {
      const committed = readFileSync(new URL(`dist/${basename(file.path)}`, ROOT), "utf8");
      expect(committed === file.text, `dist/${basename(file.path)} is stale`).toBe(true);
    }
  });
});
