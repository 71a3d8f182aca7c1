import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { Parser } from "commonmark";
import { parseCommands } from "../../src/core/commands/parseCommands.js";
import { COMMANDS } from "../../src/core/commands/commandTable.js";
import { parseIssueForm } from "../../src/core/form/parseIssueForm.js";
import { FORM_FIELDS, SEVERITY_OPTIONS } from "../../src/core/form/formFields.js";
import { parseConfig } from "../../src/core/config/parseConfig.js";
import { mergeConfigs } from "../../src/core/config/mergeConfigs.js";
import { formatProblems } from "../../src/core/config/formatProblems.js";
import { parseDuration } from "../../src/core/time/parseDuration.js";
import { parseWhen } from "../../src/core/time/parseWhen.js";
import { seedFrom } from "./support/rng.js";
import { mentionsIn } from "./support/markup.js";
import { recordFigures } from "./support/figures.js";

// Everything people type reaches one of these parsers: comments (commands), issue bodies (the form),
// `.github/expedite.yml` (config, durations, time zones) and times in commands. None may throw on any
// input, and every refusal must say what was wrong, because it is posted back to the person verbatim.
// fast-check prints the seed and the shrunk counterexample on failure; EXPEDITE_SEED replays a run.

const SEED = seedFrom(20261117);
const RUNS = { seed: SEED, numRuns: 2000 };
const NOW = Date.UTC(2026, 10, 17, 15, 0);
const CTX = { at: NOW, timeZone: "America/New_York", roles: ["investigator", "fixer"] };

const hostile = fc.constantFrom(
  "",
  " ",
  "@alice",
  "@acme/everyone",
  "<img src=x onerror=alert(1)>",
  "-->",
  "<!--",
  "`",
  "```",
  "|",
  "\u2060",
  "🚒",
  "__proto__",
  "constructor",
  "\r\n",
  "\u0000",
  "9".repeat(30),
  "-1",
  "1e309",
  "NaN",
);
const word = fc.oneof(
  hostile,
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "next",
    "30m",
    "in",
    "ago",
    "yesterday",
    "14:30",
    "until",
    "branches:",
    "main",
    "revenue",
    "none",
    "me",
  ),
);
const phrase = fc.array(word, { maxLength: 8 }).map((w) => w.join(" "));
const verbs = COMMANDS.flatMap((c) => [c.verb, ...c.aliases]);
const commandLine = fc
  .tuple(fc.constantFrom(...verbs, "foo", "resolv", "sev1"), phrase)
  .map(([verb, rest]) => `/${verb} ${rest}`);
const commentBody = fc
  .array(fc.oneof(commandLine, phrase, fc.constantFrom("```", "> /ack", "<!-- /ack -->", "")), {
    maxLength: 10,
  })
  .map((lines) => lines.join("\n"));

/** Every code span is closed: a CommonMark parser finds no backtick left over in the plain text. */
function codeSpansAreClosed(text: string): boolean {
  const walker = new Parser().parse(text).walker();
  for (let step = walker.next(); step; step = walker.next()) {
    if (step.entering && step.node.type === "text" && step.node.literal?.includes("`")) return false;
  }
  return true;
}

describe("fuzz: the command parser", () => {
  it("never throws, and every refusal is a sentence that names the problem and pings nobody", () => {
    fc.assert(
      fc.property(commentBody, (body) => {
        const parsed = parseCommands(body, CTX);
        for (const line of parsed) {
          if (line.ok) continue;
          expect(line.error.length).toBeGreaterThan(10);
          expect(line.error.length).toBeLessThan(1_000);
          expect(line.error).toMatch(/[.?)]$/);
          expect(codeSpansAreClosed(line.error), line.error).toBe(true);
          // It is posted verbatim: anything typed is inside a code span, so no mention, no HTML.
          expect(mentionsIn(line.error), line.error).toEqual([]);
          expect(line.error.replace(/`[^`]*`/g, ""), line.error).not.toMatch(/<[a-z!/]/i);
          // The usage line names the command the refusal is about.
          expect(line.usage, line.error).toMatch(/`\/[a-z-]+/);
        }
      }),
      RUNS,
    );
  });

  it("never throws on arbitrary binary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (text) => {
        parseCommands(text, CTX);
      }),
      RUNS,
    );
  });
});

describe("fuzz: the issue-form parser", () => {
  const label = fc.oneof(
    fc.constantFrom(...FORM_FIELDS.map((f) => f.label)),
    fc.constantFrom(...FORM_FIELDS.map((f) => f.label.toUpperCase() + " ?")),
    fc.string({ maxLength: 20 }),
  );
  const answer = fc.oneof(
    phrase,
    fc.constantFrom(
      ...SEVERITY_OPTIONS,
      "_No response_",
      "Yes",
      "no",
      "Unknown",
      "45m ago",
      "14:30",
      "tomorrow",
    ),
    fc.string({ maxLength: 200 }),
  );
  const body = fc.oneof(
    fc
      .array(fc.tuple(fc.constantFrom("### ", "## ", "#### ", ""), label, answer), { maxLength: 12 })
      .map((sections) => sections.map(([h, l, a]) => `${h}${l}\n\n${a}`).join("\n\n")),
    fc.string({ unit: "binary", maxLength: 3000 }),
    fc.constant(null),
  );

  it("never throws, and everything it returns is well-formed", () => {
    const keys = new Set(
      FORM_FIELDS.map((f) => f.key as string).concat(["startedAt", "startedText", "startedProblem"]),
    );
    fc.assert(
      fc.property(body, (text) => {
        const form = parseIssueForm(text, { now: NOW, timeZone: "America/New_York" });
        for (const [key, value] of Object.entries(form)) {
          expect(keys.has(key), key).toBe(true);
          expect(value).not.toBeUndefined();
          if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(10_000);
        }
        if (form.severity !== undefined) expect([1, 2, 3, 4]).toContain(form.severity);
        if (form.revenue !== undefined) expect(["yes", "no", "unknown"]).toContain(form.revenue);
        if (form.startedAt !== undefined) {
          expect(Number.isFinite(form.startedAt)).toBe(true);
          expect(form.startedAt).toBeLessThanOrEqual(NOW);
        }
        // An answer is either read as a time or reported with the reason, never silently dropped.
        if (form.startedText !== undefined)
          expect((form.startedAt === undefined) !== (form.startedProblem === undefined)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("fuzz: the config loader", () => {
  const duration = fc.oneof(
    fc
      .tuple(fc.nat({ max: 500 }), fc.constantFrom("m", "h", "d", " minutes", "w", "s"))
      .map(([n, u]) => `${n}${u}`),
    fc.constantFrom("30m", "1h30m", "0m", "soon", "", "-5m", "1.5h", "90 MINUTES"),
    fc.string({ maxLength: 10 }),
  );
  const scalar = fc.oneof(
    duration,
    fc.constantFrom(
      "America/New_York",
      "Europe/Atlantis",
      "UTC",
      "07:00",
      "25:00",
      "2026-12-24",
      "fri 16:00",
      "@acme/leads",
      "alice",
      "mon",
    ),
    fc.integer({ min: -5, max: 10 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 15 }),
  );
  const SCHEMA_KEYS = [
    "labels",
    "commands",
    "roles",
    "business_hours",
    "acknowledge",
    "escalation",
    "updates",
    "oncall",
    "severity",
    "freeze",
    "postmortem",
    "schedule",
    "templates",
    "trusted_bots",
    "_extends",
    "timezone",
    "days",
    "start",
    "end",
    "holidays",
    "within_business_hours",
    "outside_business_hours",
    "notify",
    "ladders",
    "steps",
    "after",
    "cadence",
    "primary",
    "secondary",
    "roster",
    "default",
    "windows",
    "closures",
    "approvers",
    "interval",
    "directory",
    "permission",
    "extra",
    "1",
    "2",
    "3",
    "4",
    "name",
    "when",
    "revenue",
    "no_workaround",
    "__proto__",
    "constructor",
  ];
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.array(tie("node"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...SCHEMA_KEYS), fc.string({ maxLength: 8 })), tie("node"), {
        maxKeys: 5,
      }),
    ),
  })).node;
  const config = fc.oneof(
    fc.dictionary(fc.constantFrom(...SCHEMA_KEYS), value, { maxKeys: 6 }),
    value,
    // Whatever YAML text turns into.
    fc.string({ maxLength: 200 }).map((text) => {
      try {
        return parseYaml(text) as unknown;
      } catch {
        return text;
      }
    }),
  );

  it("never throws; every problem names a key, the value found and what to do, and renders safely", () => {
    fc.assert(
      fc.property(config, (raw) => {
        const result = parseConfig(mergeConfigs([raw]));
        const direct = parseConfig(raw);
        for (const outcome of [result, direct]) {
          if (outcome.ok) continue;
          expect(outcome.problems.length).toBeGreaterThan(0);
          for (const p of outcome.problems) {
            expect(p.key.trim(), JSON.stringify(p)).not.toBe("");
            expect(p.value.trim(), JSON.stringify(p)).not.toBe("");
            expect(p.message.trim().length, JSON.stringify(p)).toBeGreaterThan(5);
          }
          // The report posted on the incident: no mention, no open HTML comment, a table that holds.
          const report = formatProblems(".github/expedite.yml", outcome.problems);
          expect(mentionsIn(report)).toEqual([]);
          expect(report).not.toContain("<!--");
          for (const row of report.split("\n").filter((l) => l.startsWith("| `")))
            expect(row.replace(/\\\|/g, "").split("|").length, row).toBe(5);
        }
      }),
      RUNS,
    );
  });

  it("round-trips through YAML text the way the loader reads it", () => {
    fc.assert(
      fc.property(config, (raw) => {
        let text: string;
        try {
          text = stringify(raw);
        } catch {
          return;
        }
        parseConfig(parseYaml(text) as unknown);
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  it("accepts a duration only if it can be computed (else every reconcile would crash on it)", () => {
    const big = fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 22n }), fc.constantFrom("m", "h", "d", "w", "s"))
      .map(([n, u]) => `${n}${u}`);
    fc.assert(
      fc.property(fc.oneof(duration, big), (text) => {
        const result = parseConfig({ acknowledge: { within_business_hours: text } });
        if (result.ok) expect(parseDuration(text), text).toBeDefined();
        else expect(result.problems.map((p) => p.key)).toContain("acknowledge.within_business_hours");
      }),
      RUNS,
    );
  });
});

describe("fuzz: durations and times", () => {
  it("parseDuration never throws and returns a positive whole number of ms, or nothing", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc
        .array(
          fc.tuple(
            fc.nat({ max: 10_000 }),
            fc.constantFrom("m", "h", "d", "w", "s", "min", "hours", "x", ""),
          ),
          { maxLength: 4 },
        )
        .map((parts) => parts.map(([n, u]) => `${n}${u}`).join(" ")),
    );
    fc.assert(
      fc.property(text, (t) => {
        const ms = parseDuration(t);
        if (ms !== undefined) {
          expect(Number.isSafeInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it("parseWhen never throws: a moment between 1970 and 2200, or an error that names what was typed", () => {
    const text = fc.oneof(phrase, fc.string({ maxLength: 90 }), fc.string({ unit: "binary", maxLength: 40 }));
    fc.assert(
      fc.property(
        text,
        fc.constantFrom("past", "future"),
        fc.constantFrom("America/New_York", "UTC", "Nowhere/Atlantis"),
        (t, direction, timeZone) => {
          const result = parseWhen(t, { now: NOW, timeZone, direction: direction });
          if ("at" in result) {
            expect(Number.isFinite(result.at)).toBe(true);
            expect(result.at).toBeGreaterThanOrEqual(Date.UTC(1970, 0, 1));
            expect(result.at).toBeLessThanOrEqual(Date.UTC(2200, 0, 1));
            return;
          }
          expect(result.error.length).toBeGreaterThan(10);
          expect(codeSpansAreClosed(result.error), result.error).toBe(true);
          expect(mentionsIn(result.error), result.error).toEqual([]);
          // Either it quotes what was typed, or it says the time was missing or out of range.
          expect(result.error, t).toMatch(/`[^`\n]+`|No time given|too far|no current time/);
        },
      ),
      RUNS,
    );
    recordFigures("fuzz", { seed: SEED, properties: 8, runsEach: RUNS.numRuns });
  });
});
