import { describe, expect, it } from "vitest";
import { mermaidLabel, phaseChart } from "../../../src/core/postmortem/phaseChart.js";
import { minimalIncident, richIncident, t } from "./fixtures.js";
import { checkMermaidGantt } from "./mermaidCheck.js";

describe("phaseChart", () => {
  it("draws one bar between each pair of known phases and a milestone for each", () => {
    const gantt = checkMermaidGantt(phaseChart(richIncident(), "America/New_York"));
    expect(gantt.sections).toEqual(["Phases", "Milestones"]);
    expect(gantt.tasks.filter((task) => task.tags.includes("done")).map((task) => task.label)).toEqual([
      "Problem began to declared",
      "Declared to acknowledged",
      "Acknowledged to mitigated",
      "Mitigated to resolved",
    ]);
  });

  it("omits unknown phases", () => {
    const incident = { ...richIncident(), acknowledgedAt: undefined, mitigatedAt: undefined };
    const gantt = checkMermaidGantt(phaseChart(incident, "UTC"));
    expect(gantt.tasks.map((task) => task.label)).toEqual([
      "Problem began to declared",
      "Declared to resolved",
      "Problem began",
      "Declared",
      "Resolved",
    ]);
    expect(gantt.tasks[1]).toMatchObject({ start: "2026-11-24 14:05:00", end: "2026-11-24 17:05:00" });
  });

  it("writes times in the given zone", () => {
    const tokyo = checkMermaidGantt(phaseChart(minimalIncident(), "Asia/Tokyo"));
    expect(tokyo.tasks[0]?.start).toBe("2026-11-24 23:05:00");
    expect(tokyo.title).toContain("Asia/Tokyo");
  });

  it("never runs a bar backwards when phases were recorded out of order", () => {
    const incident = {
      ...minimalIncident(),
      acknowledgedAt: t("2026-11-24T15:00:00Z"),
      mitigatedAt: t("2026-11-24T14:30:00Z"),
    };
    const gantt = checkMermaidGantt(phaseChart(incident, "UTC"));
    expect(gantt.tasks.find((task) => task.id === "acknowledged_mitigated")).toMatchObject({
      start: "2026-11-24 15:00:00",
      end: "2026-11-24 15:00:00",
    });
  });

  it("shows the day on the axis for long incidents", () => {
    const long = { ...minimalIncident(), resolvedAt: t("2026-11-27T09:00:00Z") };
    expect(phaseChart(long, "UTC")).toContain("axisFormat %m-%d %H:%M");
    expect(phaseChart(minimalIncident(), "UTC")).toContain("axisFormat %H:%M");
  });

  it("escapes the characters Mermaid reserves in labels", () => {
    expect(mermaidLabel("a: b # c; d\ne %% f")).toBe("a - b no. c, d e % f");
  });
});
