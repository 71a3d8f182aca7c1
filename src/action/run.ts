import { run } from "./main.js";

// dist/index.js ships with its source map: stack traces in a workflow log then name files in src/.
process.setSourceMapsEnabled(true);
await run();
