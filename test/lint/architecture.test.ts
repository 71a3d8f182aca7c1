import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Repository paths a document names in code spans (`src/…/file.ts`, `.github/…`). */
function pathsNamedIn(document: string): string[] {
  const text = readFileSync(join(ROOT, document), "utf8");
  const named = [...text.matchAll(/`((?:\.github|src|test|templates|docs|bench|scripts)\/[\w./-]+\.\w+)`/g)];
  return [...new Set(named.map((m) => m[1]!))];
}

describe("the map matches the territory", () => {
  for (const document of ["ARCHITECTURE.md", "CONTRIBUTING.md"]) {
    it(`every file ${document} names exists`, () => {
      const named = pathsNamedIn(document);
      expect(named.length).toBeGreaterThan(10);
      expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
    });
  }

  it("the playbook table names a file for every rule", () => {
    const text = readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8");
    const table = text.slice(text.indexOf("## Where each playbook rule lives"));
    const rows = table.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| ---"));
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows.slice(1)) expect(row.split("|")[2], row).toMatch(/`[^`]+\.(ts|yml|md)`/);
  });
});
