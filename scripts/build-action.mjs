// Bundles the Action into dist/index.js (ESM, one file). Deterministic, so a test can rebuild it and
// compare byte for byte with the checked-in copy.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = process.argv[2] ?? join(root, "dist", "index.js");

await build({
  entryPoints: [join(root, "src", "action", "run.ts")],
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
