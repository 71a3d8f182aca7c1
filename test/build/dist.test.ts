import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../..", import.meta.url);

describe("dist/", () => {
  const dir = mkdtempSync(join(tmpdir(), "expedite-dist-"));
  execFileSync(process.execPath, ["scripts/build-action.mjs", join(dir, "index.js")], { cwd: ROOT });

  it.each(["index.js", "index.js.map", "licenses.txt"])(
    "%s (the Action) matches a fresh build of the source (run `npm run build` and commit dist/)",
    (file) => {
      const fresh = readFileSync(join(dir, file), "utf8");
      const committed = readFileSync(new URL(`dist/${file}`, ROOT), "utf8");
      expect(committed.length).toBe(fresh.length);
      expect(committed === fresh).toBe(true);
    },
  );

  it("the Action is readable, points to its source map, and names the licence of every bundled package", () => {
    const bundle = readFileSync(new URL("dist/index.js", ROOT), "utf8");
    expect(bundle).toContain("// src/action/runAction.ts"); // not minified: esbuild's file banners remain
    expect(bundle.trimEnd().endsWith("//# sourceMappingURL=index.js.map")).toBe(true);
    const map = JSON.parse(readFileSync(new URL("dist/index.js.map", ROOT), "utf8")) as { sources: string[] };
    expect(map.sources).toContain("../src/action/runAction.ts");
    const notices = readFileSync(new URL("dist/licenses.txt", ROOT), "utf8");
    // Every package whose code is in the bundle (esbuild heads each input with its path) has its entry.
    const bundled = new Set(
      [...bundle.matchAll(/^\/\/ (\S*node_modules\/\S+)$/gm)].flatMap(([, path = ""]) => {
        const rest = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
        const m = /^((?:@[^/]+\/)?[^/]+)\//.exec(rest);
        return m?.[1] ? [m[1]] : [];
      }),
    );
    expect(bundled.size).toBeGreaterThan(10);
    for (const name of bundled)
      expect(notices).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}@`, "m"));
    expect(notices).not.toMatch(/^License: UNKNOWN$/m);
  });

  it("neither bundle holds the GitHub simulator or anything of the tests", () => {
    for (const map of ["index.js.map", "app.js.map"]) {
      const { sources } = JSON.parse(readFileSync(new URL(`dist/${map}`, ROOT), "utf8")) as {
        sources: string[];
      };
      expect(sources.length, map).toBeGreaterThan(10);
      expect(
        sources.filter((s) => /(^|\/)(packages|test|simulator|github-simulator)\//.test(s)),
        map,
      ).toEqual([]);
    }
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
