import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import { locateProblems, yamlSyntaxProblem } from "../../../src/core/config/locateProblems.js";
import { formatProblems } from "../../../src/core/config/formatProblems.js";

// Issue 18 item 13: config errors in words, with the line and the nearest key for a typo.

const problemsOf = (text: string) => {
  const result = parseConfig(parse(text));
  return result.ok ? [] : locateProblems(text, result.problems);
};

describe("config errors a person can act on", () => {
  it("suggests the nearest key for a typo and points at its line", () => {
    const text = "oncall:\n  primary: erin\nbusiness_hours:\n  timzone: Europe/London\n";
    expect(problemsOf(text)).toEqual([
      {
        key: "business_hours.timzone",
        value: "(unknown setting)",
        message: "not a setting Expedite knows; did you mean `timzone` → `timezone`?",
        line: 4,
      },
    ]);
    expect(problemsOf("escalaton:\n  ladders: []\n")[0]?.message).toMatch(
      /did you mean `escalaton` → `escalation`\?/,
    );
    // Nothing close: no guess.
    expect(problemsOf("colour: blue\n")[0]?.message).not.toMatch(/did you mean/);
  });

  it("says limits in words, never zod's own text or a regular expression", () => {
    const text = [
      "severity:",
      "  default: 0",
      "roles:",
      "  extra: [investigator, 'Bad Name']",
      "freeze:",
      "  windows:",
      "    - { name: Fridays, weekly_from: friday 16:00, weekly_to: mon 08:00 }",
      "escalation:",
      "  ladders:",
      "    - { name: x, steps: [] }",
      "",
    ].join("\n");
    const problems = problemsOf(text);
    const text2 = problems.map((p) => `${p.key}@${p.line}: ${p.message}`);
    expect([...text2].sort()).toEqual(
      [
        "severity.default@2: must be at least 1",
        "roles.extra.1@4: role names are lower-case words, e.g. investigator",
        "escalation.ladders.0.steps@10: needs at least 1 entry",
        'freeze.windows.0.weekly_from@7: expected a weekday and a 24-hour time such as "fri 16:00"',
      ].sort(),
    );
    for (const p of problems) {
      expect(p.message).not.toMatch(/Too small|Too big|expected number to be|\/\^|pattern/);
    }
  });

  it("a type mistake says what was found", () => {
    expect(problemsOf("business_hours:\n  days: mon\n")[0]).toMatchObject({
      key: "business_hours.days",
      message: "expected a list, but found a string",
      line: 2,
    });
  });

  it("a YAML syntax error gives the line and column in words, with no API address", () => {
    const problem = yamlSyntaxProblem("oncall:\n  primary: [erin,\nfreeze:\n  branches: [main]\n");
    expect(problem).toMatchObject({ key: "(file)", line: expect.any(Number), column: expect.any(Number) });
    expect(problem?.message).toMatch(/^the file is not valid YAML: .+\. Check the indentation/);
    expect(problem?.message).not.toMatch(/https?:|api\./);
    expect(yamlSyntaxProblem("oncall:\n  primary: erin\n")).toBeUndefined();
  });

  it("the report shows the line next to the setting", () => {
    const report = formatProblems(".github/expedite.yml", problemsOf("business_hours:\n  timzone: UTC\n"));
    expect(report).toContain("| `business_hours.timzone` (line 2) |");
  });
});
