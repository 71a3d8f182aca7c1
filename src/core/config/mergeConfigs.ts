/** Merges `_extends` layers the way Probot apps do: mappings merge deeply, lists and scalars replace. */
export function mergeConfigs(layers: readonly unknown[]): Record<string, unknown> {
  let merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (isMapping(layer)) merged = mergeTwo(merged, layer);
  }
  return merged;
}

function mergeTwo(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === "_extends") continue;
    const current = out[key];
    out[key] = isMapping(current) && isMapping(value) ? mergeTwo(current, value) : value;
  }
  return out;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
