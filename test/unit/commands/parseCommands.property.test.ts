import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../../src/core/commands/parseCommands.js";
import { COMMANDS } from "../../../src/core/commands/commandTable.js";
import { CTX } from "./fixtures.js";

// Seeded so a failure reproduces; bump numRuns locally when hunting.
const RUNS = { seed: 20261122, numRuns: 3000 };

const verbWords = COMMANDS.flatMap((spec) => [spec.verb, ...spec.aliases]);
const argumentPool = [
  "",
  "1",
  "sev-2",
  "9",
  "@alice",
  "me",
  "@org/team",
  "investigator @bob",
  "revenue",
  "none",
  "14:30",
  "yesterday 23:10",
  "45m ago",
  "in 3h",
  "until monday 08:00 holidays branches: main, release/*",
  "Known bug, card #987",
  "fixed",
  "...",
  "👍",
  "next 30m",
  "Failover done (next 45 min)",
  "<!-- x -->",
  "`code`",
  "ünïcødé 🚒 text",
  "__proto__",
  "constructor 14:30",
];

const commandLine = fc
  .tuple(
    fc.constantFrom(...verbWords, "foo", "usr/bin", "path/to", "resolv", "x", "constructor", "__proto__"),
    fc.constantFrom(...argumentPool),
    fc.constantFrom("", " ", "  ", "\t"),
  )
  .map(([verb, args, indent]) => `${indent}/${verb}${args === "" ? "" : " " + args}`);

const anyLine = fc.oneof(
  commandLine,
  fc.string({ unit: "grapheme", maxLength: 60 }).map((text) => text.replace(/[\r\n]/g, " ")),
  fc.constantFrom("", "```", "~~~", "```ts", "> quoted", "<!--", "-->", "- item", "### Heading"),
);

const body = fc
  .tuple(fc.array(anyLine, { maxLength: 25 }), fc.constantFrom("\n", "\r\n", "\r"))
  .map(([lines, eol]) => lines.join(eol));

const isFenceLike = (line: string): boolean => /^\s*(```|~~~)/.test(line) || line.includes("<!--");

describe("parseCommands properties", () => {
  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2000 }), (text) => {
        parseCommands(text, CTX);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(body, (text) => {
        parseCommands(text, CTX);
      }),
      RUNS,
    );
  });

  it("gives every refusal a non-empty error and usage, and every result a real line", () => {
    fc.assert(
      fc.property(body, (text) => {
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const parsed of parseCommands(text, CTX)) {
          expect(parsed.line).toBeGreaterThanOrEqual(1);
          expect(parsed.line).toBeLessThanOrEqual(lineCount);
          expect(parsed.source.startsWith("/")).toBe(true);
          if (!parsed.ok) {
            expect(parsed.error.trim()).not.toBe("");
            expect(parsed.usage.trim()).not.toBe("");
            expect(parsed.verb).not.toBe("");
          }
        }
      }),
      RUNS,
    );
  });

  it("never runs anything written inside a fenced code block", () => {
    const outside = fc.array(
      anyLine.filter((line) => !isFenceLike(line)),
      { maxLength: 8 },
    );
    const inside = fc.array(
      anyLine.filter((line) => !/^\s*(```|~~~)/.test(line)).map((line) => `${line} ZZFENCEZZ`),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(
        outside,
        inside,
        outside,
        fc.constantFrom("```", "~~~", "````", "```yaml"),
        (before, code, after, fence) => {
          const closing = fence.replace(/[a-z]+$/, "");
          const lines = [...before, fence, ...code, closing, ...after];
          const first = before.length + 1;
          const last = first + code.length + 1;
          const parsed = parseCommands(lines.join("\n"), CTX);
          for (const result of parsed) {
            expect(result.line < first || result.line > last).toBe(true);
          }
          expect(JSON.stringify(parsed)).not.toContain("ZZFENCEZZ");
        },
      ),
      RUNS,
    );
  });

  it("never runs a quoted line", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom("", " ", "   "), fc.constantFrom(">", "> ", ">> ", "> > "), anyLine),
          {
            maxLength: 15,
          },
        ),
        (lines) => {
          const text = lines.map(([indent, marker, line]) => indent + marker + line).join("\n");
          expect(parseCommands(text, CTX)).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it("reads verbs case-insensitively", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...verbWords, "foo", "resolv"),
        fc.constantFrom(...argumentPool),
        fc.infiniteStream(fc.boolean()),
        (verb, args, flips) => {
          const mixed = [...verb].map((char) => (flips.next().value ? char.toUpperCase() : char)).join("");
          const lower = parseCommands(`/${verb} ${args}`, CTX);
          const other = parseCommands(`/${mixed} ${args}`, CTX);
          expect(other.map(({ source: _source, ...rest }) => rest)).toEqual(
            lower.map(({ source: _source, ...rest }) => rest),
          );
        },
      ),
      RUNS,
    );
  });

  it("does not care which line ending the comment used", () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 15 }), (lines) => {
        const lf = parseCommands(lines.join("\n"), CTX);
        expect(parseCommands(lines.join("\r\n"), CTX)).toEqual(lf);
      }),
      RUNS,
    );
  });

  it("stays fast on hostile input", () => {
    const hostile = [
      "/update " + "next ".repeat(13_000),
      "/update x" + " ".repeat(60_000) + "x",
      "/freeze 3d " + "branch: ".repeat(8_000),
      "/freeze 3d reason" + " ".repeat(60_000) + "branches: x",
      "/resolve " + "fixed ".repeat(10_000),
      "/started " + "1".repeat(60_000),
      "<!--".repeat(16_000),
      "/ack\n".repeat(13_000),
      "```\n".repeat(16_000),
      "/" + "a".repeat(60_000),
    ];
    for (const text of hostile) {
      const started = performance.now();
      parseCommands(text, CTX);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
