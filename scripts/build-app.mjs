// Bundles the App server into dist/app.js (ESM, readable, with dist/app.js.map). Unlike the Action, whose
// runner has no node_modules, the App is installed with `npm ci --omit=dev`: its dependencies stay
// packages to import, and the bundle holds only Expedite's own code. Deterministic, so a test can rebuild it
// and compare it with the checked-in copy, and the Dockerfile runs this same file.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bundles the App entry to `outfile` (and `outfile`.map). With `write` false nothing is written and the
 * files are returned, so the freshness test can compare them without building elsewhere (the map's paths
 * are relative to where the bundle lives).
 */
export async function bundleApp(outfile = join(root, "dist", "app.js"), write = true) {
  const result = await build({
    entryPoints: [join(root, "src", "app", "main.ts")],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    minify: false,
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "inline",
    logLevel: "warning",
    absWorkingDir: root,
    write,
  });
  return (result.outputFiles ?? []).map((file) => ({ path: file.path, text: file.text }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleApp(process.argv[2]);
}
