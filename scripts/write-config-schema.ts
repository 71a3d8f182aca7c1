// Writes schema/expedite.schema.json from the zod config schema; a test fails when it is stale.
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/core/config/configJsonSchema.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "schema", "expedite.schema.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, configJsonSchema());
console.log(`wrote ${out}`);
