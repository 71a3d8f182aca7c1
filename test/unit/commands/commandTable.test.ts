import { describe, expect, it } from "vitest";
import { parseCommands } from "../../../src/core/commands/parseCommands.js";
import type { Verb } from "../../../src/core/commands/types.js";
import { COMMANDS, commandSpec, helpText, usageFor } from "../../../src/core/commands/commandTable.js";
import { CTX } from "./fixtures.js";

const ALL_VERBS: Verb[] = [
  "ack",
  "lead",
  "comms",
  "role",
  "sev",
  "impact",
  "update",
  "mitigate",
  "resolve",
  "note",
  "deviation",
  "started",
  "cancel",
  "announce",
  "help",
  "freeze",
  "unfreeze",
  "freeze-exception",
];

describe("COMMANDS", () => {
  it("lists every verb exactly once, and no word twice", () => {
    expect(COMMANDS.map((spec) => spec.verb).sort()).toEqual([...ALL_VERBS].sort());
    const words = COMMANDS.flatMap((spec) => [spec.verb, ...spec.aliases]);
    expect(new Set(words).size).toBe(words.length);
  });

  it.each(COMMANDS.map((spec) => [spec.verb, spec] as const))(
    "the /%s example runs as that command",
    (verb, spec) => {
      const [parsed, ...rest] = parseCommands(spec.example, CTX);
      expect(rest).toEqual([]);
      expect(parsed).toMatchObject({ ok: true, command: { verb } });
      expect(spec.syntax.startsWith(`/${verb}`)).toBe(true);
      expect(spec.summary.length).toBeLessThan(120);
    },
  );

  it("scopes commands as DESIGN.md says", () => {
    expect(commandSpec("freeze-exception").scope).toBe("pull-request");
    expect(commandSpec("freeze").scope).toBe("anywhere");
    expect(commandSpec("help").scope).toBe("anywhere");
    expect(commandSpec("resolve").scope).toBe("incident");
  });

  it("usageFor gives the syntax and an example", () => {
    expect(usageFor("sev")).toBe("Type `/sev <1-4>`, for example `/sev 2`.");
  });
});

describe("helpText", () => {
  it("renders a markdown table of the commands that apply where it was asked", () => {
    const incident = helpText("incident");
    expect(incident).toContain("| Command | What it does | Example |");
    expect(incident).toContain("`/resolve <cause, fix, follow-up>`");
    expect(incident).toContain("`/freeze <until>");
    expect(incident).not.toContain("/freeze-exception");
    const pullRequest = helpText("pull-request");
    expect(pullRequest).toContain("/freeze-exception");
    expect(pullRequest).not.toContain("/resolve");
    expect(helpText()).toContain("| Where |");
  });

  it("escapes pipes inside cells so the table keeps its columns", () => {
    const rows = helpText()
      .split("\n")
      .filter((line) => line.startsWith("| `"));
    expect(rows).toHaveLength(COMMANDS.length);
    for (const row of rows) {
      expect(row.replace(/\\\|/g, "").split("|").length - 2).toBe(4);
    }
    expect(helpText()).toContain("`/impact revenue\\|none`");
  });

  it("names aliases and configured roles", () => {
    const text = helpText("incident", ["investigator", "fixer"]);
    expect(text).toContain("(also `/acknowledge`)");
    expect(text).toContain("Roles for `/role`: `investigator`, `fixer`.");
  });
});
