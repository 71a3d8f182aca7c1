import { blobSha } from "./hashes.js";

export interface FileChange {
  filename: string;
  status: "added" | "removed" | "modified";
  sha: string;
  additions: number;
  deletions: number;
  patch: string;
}

function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** Counts changed lines with a multiset difference: exact for adds/removes, close enough for edits. */
function lineDelta(before: string[], after: string[]): { added: string[]; removed: string[] } {
  const remaining = new Map<string, number>();
  for (const line of before) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of after) {
    const count = remaining.get(line) ?? 0;
    if (count > 0) remaining.set(line, count - 1);
    else added.push(line);
  }
  const removed: string[] = [];
  for (const [line, count] of remaining) for (let i = 0; i < count; i++) removed.push(line);
  return { added, removed };
}

export function diffFiles(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): FileChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FileChange[] = [];
  for (const filename of paths) {
    const old = before.get(filename);
    const now = after.get(filename);
    if (old === now) continue;
    const { added, removed } = lineDelta(lines(old ?? ""), lines(now ?? ""));
    const status = old === undefined ? "added" : now === undefined ? "removed" : "modified";
    const header = `@@ -${old === undefined ? 0 : 1},${lines(old ?? "").length} +${now === undefined ? 0 : 1},${lines(now ?? "").length} @@`;
    const patch = [header, ...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`)].join("\n");
    changes.push({
      filename,
      status,
      sha: blobSha(now ?? old ?? ""),
      additions: added.length,
      deletions: removed.length,
      patch,
    });
  }
  return changes;
}
