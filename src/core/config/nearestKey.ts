import { z } from "zod";
import { configSchema } from "./schema.js";

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

let described: JsonSchema | undefined;

/**
 * The documented key closest to a misspelt one at `path` ("timzone" → "timezone"), or undefined when
 * none is close enough to be the likely intent. Keys come from the schema itself, so they never drift.
 */
export function nearestKey(path: readonly string[], typed: string): string | undefined {
  described ??= z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const known = Object.keys(objectAt(described, path)?.properties ?? {});
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(typed.toLowerCase(), key.toLowerCase());
    if (!best || distance < best.distance) best = { key, distance };
  }
  const allowed = Math.max(2, Math.floor(typed.length / 3));
  return best && best.distance <= allowed ? best.key : undefined;
}

function objectAt(schema: JsonSchema | undefined, path: readonly string[]): JsonSchema | undefined {
  let node = schema;
  for (const part of path) {
    node = node?.anyOf?.find((option) => option.properties || option.items) ?? node;
    node = /^\d+$/.test(part) ? node?.items : node?.properties?.[part];
  }
  return node?.anyOf?.find((option) => option.properties) ?? node;
}

// Levenshtein distance, counting a swap of two neighbours as one edit (a common typo).
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] ?? 0, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
}
