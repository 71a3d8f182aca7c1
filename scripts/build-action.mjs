// Bundles the Action into dist/index.js (ESM, one file). Deterministic, so a test can rebuild it and
// compare byte for byte with the checked-in copy. The benchmark bundles its baseline with the same options.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `entry` to `outfile` exactly as the Action is bundled. */
export async function bundle(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
    // Some dependencies are CommonJS and call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __expediteCreateRequire } from 'node:module';\nconst require = __expediteCreateRequire(import.meta.url);",
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle(join(root, "src", "action", "run.ts"), process.argv[2] ?? join(root, "dist", "index.js"));
}
