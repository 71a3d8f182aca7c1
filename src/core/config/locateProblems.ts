import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { ConfigProblem } from "./parseConfig.js";

/**
 * Adds the line of the file each problem is on, so a person can go straight to it. Problems whose key is
 * not in this file (it came from an `_extends` layer, or is missing) keep no line.
 */
export function locateProblems(text: string, problems: readonly ConfigProblem[]): ConfigProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return [...problems];
  return problems.map((problem) => {
    const line = lineOf(doc.contents, problem.key, lineCounter);
    return line === undefined ? problem : { ...problem, line };
  });
}

/** The YAML syntax error of `text` in words with its line and column, or undefined when it parses. */
export function yamlSyntaxProblem(text: string): ConfigProblem | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const error = doc.errors[0];
  if (!error) return undefined;
  const [start] = error.linePos ?? [];
  // The library's first line says what is wrong; the rest is a drawing of the source we point at instead.
  const what = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return {
    key: "(file)",
    value: "(not valid YAML)",
    message: `the file is not valid YAML: ${what}. Check the indentation, quotes and colons around that line.`,
    ...(start ? { line: start.line, column: start.col } : {}),
  };
}

function lineOf(root: Node | null, key: string, lines: LineCounter): number | undefined {
  // Unknown keys come as "a.b.c" (one or several, comma-separated); take the first.
  const path = (key.split(", ")[0] ?? "").split(".").filter((part) => part !== "");
  if (path.length === 0 || key.startsWith("(")) return undefined;
  let node: Node | null | undefined = root;
  let at: number | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String((item.key as { value?: unknown } | null)?.value) === part,
      );
      if (!pair) return at;
      at = (pair.key as Node | null)?.range?.[0] ?? at;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) return at;
      at = item.range?.[0] ?? at;
      node = item;
    } else return at;
  }
  return at === undefined ? undefined : lines.linePos(at).line;
}
