// Percentiles and plain-text tables for the console.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function ratio(value: number, floor: number): number {
  return floor === 0 ? (value === 0 ? 1 : Number.POSITIVE_INFINITY) : round(value / floor, 2);
}

export function fmt(value: number | string | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "–" : "∞";
  return Number.isInteger(value) ? String(value) : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);
}

export type Cell = number | string | undefined;

/** Prints a table with a title; numbers right-aligned. Returns the text too (for the doc). */
export function table(title: string, headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map(fmt));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[], raw?: Cell[]) =>
    "| " +
    cells
      .map((c, i) => (typeof raw?.[i] === "number" ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join(" | ") +
    " |";
  const out = [
    `\n### ${title}\n`,
    line(headers),
    "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|",
    ...text.map((r, i) => line(r, rows[i])),
  ].join("\n");
  console.log(out);
  return out;
}
