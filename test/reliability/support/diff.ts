/** The paths where two plain values differ, with both sides, for a readable failure message. */
export function differences(expected: unknown, actual: unknown, path = "", out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof expected === "string" && typeof actual === "string") {
    if (expected !== actual) out.push(`${path}:\n${lineDiff(expected, actual)}`);
    return out;
  }
  if (
    expected === null ||
    actual === null ||
    typeof expected !== "object" ||
    typeof actual !== "object" ||
    Array.isArray(expected) !== Array.isArray(actual)
  ) {
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return out;
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  if (Array.isArray(expected) && Array.isArray(actual) && typeof (expected[0] ?? actual[0]) !== "object") {
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return out;
  }
  for (const key of keys) {
    const e = (expected as Record<string, unknown>)[key];
    const a = (actual as Record<string, unknown>)[key];
    const name = (e as { name?: string } | undefined)?.name ?? key;
    differences(e, a, `${path}/${name}`, out);
  }
  return out;
}

function lineDiff(expected: string, actual: string): string {
  const e = expected.split("\n");
  const a = actual.split("\n");
  const lines: string[] = [];
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] === a[i]) continue;
    lines.push(`  line ${i + 1}\n    - ${e[i] ?? "(none)"}\n    + ${a[i] ?? "(none)"}`);
    if (lines.length >= 6) break;
  }
  return lines.join("\n");
}
