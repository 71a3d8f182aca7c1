import { appendFileSync } from "node:fs";

/**
 * Figures for docs/reliability.md (deliveries tried, faults injected, duplicates found). Printed, and
 * appended to the file named by EXPEDITE_FIGURES, only when that variable is set:
 *   EXPEDITE_FIGURES=/tmp/figures.jsonl npx vitest run test/reliability
 */
export function recordFigures(suite: string, figures: Record<string, unknown>): void {
  const target = process.env.EXPEDITE_FIGURES;
  if (!target) return;
  const line = JSON.stringify({ suite, ...figures });
  console.info(`[figures] ${line}`);
  appendFileSync(target, line + "\n");
}
