import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../../src/core/config/configJsonSchema.js";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import { mergeConfigs } from "../../../src/core/config/mergeConfigs.js";
import { formatProblems } from "../../../src/core/config/formatProblems.js";
import { parse } from "yaml";

describe("config schema", () => {
  it("the committed JSON Schema matches the zod schema (run `npm run schema` after changing it)", () => {
    const committed = readFileSync(new URL("../../../schema/expedite.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(configJsonSchema());
  });

  it("a ladder step may name the documented placeholders, and nothing else in braces", () => {
    const ladder = (notify: string[]) =>
      parseConfig({
        escalation: { ladders: [{ name: "all", when: {}, steps: [{ after: "30m", notify }] }] },
      });
    expect(ladder(["{oncall}", "{oncall-secondary}", "{lead}", "{comms}", "@acme/sre", "cto"]).ok).toBe(true);
    const refused = ladder(["{on-call}"]);
    expect(refused.ok ? [] : refused.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/one of \{oncall\}, \{oncall-secondary\}, \{lead\}, \{comms\}/),
    ]);
  });

  it("an empty file gives the playbooks' defaults", () => {
    const result = parseConfig(null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.acknowledge.within_business_hours).toBe("15m");
    expect(result.config.acknowledge.outside_business_hours).toBe("60m");
    expect(result.config.business_hours).toMatchObject({
      timezone: "America/New_York",
      start: "07:00",
      end: "20:00",
    });
    expect(result.config.escalation.ladders.map((l) => [l.name, l.steps.map((s) => s.after)])).toEqual([
      ["revenue", ["30m", "2h", "3h"]],
      ["default", ["30m"]],
    ]);
    expect(result.config.labels.declared).toBe("incident:declared");
    expect(result.config.freeze.check_name).toBe("expedite/freeze");
    expect(result.config.freeze.closures).toEqual([]);
    expect(result.config.commands.permission).toBe("triage");
  });

  it("the example config in .github/expedite.yml is valid", () => {
    const text = readFileSync(new URL("../../../.github/expedite.yml", import.meta.url), "utf8");
    const result = parseConfig(parse(text));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("names the key, the bad value and the fix for every problem", () => {
    const result = parseConfig({
      business_hours: { timezone: "Mars/Olympus", start: "25:00" },
      acknowledge: { within_business_hours: "soon" },
      commands: { permission: "superuser" },
      escalaton: {},
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byKey = Object.fromEntries(result.problems.map((p) => [p.key, p]));
    expect(byKey["business_hours.timezone"]).toMatchObject({ value: '"Mars/Olympus"' });
    expect(byKey["business_hours.timezone"]?.message).toMatch(/IANA/);
    expect(byKey["business_hours.start"]?.message).toMatch(/24-hour/);
    expect(byKey["acknowledge.within_business_hours"]).toMatchObject({ value: '"soon"' });
    expect(byKey["acknowledge.within_business_hours"]?.message).toMatch(/30m/);
    expect(byKey["commands.permission"]?.message).toMatch(/"triage"/);
    expect(byKey["escalaton"]?.message).toMatch(/not a setting/);
    const report = formatProblems(".github/expedite.yml", result.problems);
    expect(report).toContain("`business_hours.timezone`");
    expect(report).toContain("Mars/Olympus");
  });

  it("a file that is not a mapping is explained", () => {
    const result = parseConfig("just a string");
    expect(result.ok).toBe(false);
  });

  it("merges _extends layers deeply, replacing lists", () => {
    const merged = mergeConfigs([
      { business_hours: { timezone: "Europe/London", days: ["mon"] }, _extends: "x" },
      { business_hours: { days: ["tue", "wed"] }, roles: { allow_lead_as_comms: true } },
    ]);
    expect(merged).toEqual({
      business_hours: { timezone: "Europe/London", days: ["tue", "wed"] },
      roles: { allow_lead_as_comms: true },
    });
  });
});
