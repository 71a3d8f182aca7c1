import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import type { Config } from "../../../src/core/config/schema.js";
import { messageContent } from "../../../src/core/channels/messageContent.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";
import { makeIncident, MINUTE } from "../clocks/makeIncident.js";

function config(raw: Record<string, unknown>): Config {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const T0 = Date.parse("2026-06-05T14:00:00Z");
const ctx = (incident = makeIncident({ severity: 1 })) => ({
  incident,
  config: config({ stakeholders: { application: "Shop" } }),
  templates: bundledTemplates(),
  repository: "acme/shop",
});
const notice = (incident = makeIncident({ severity: 1 })) =>
  messageContent(
    { message: "stakeholder-notice:declared", event: "stakeholder-notice", at: T0, channels: [] },
    ctx(incident),
  );

// Issue 18: the stakeholder table's "Current status" says when the next update comes (playbook 004).
describe("messageContent: the stakeholder notice's current status", () => {
  it("gives the time the latest update promised", () => {
    const incident = makeIncident({
      severity: 1,
      updates: [{ at: T0 + 5 * MINUTE, by: "bob", text: "Failing over", nextDueAt: T0 + 35 * MINUTE }],
    });
    const content = notice(incident);
    const status = content.facts.find((f) => f.label === "Current status")?.value;
    expect(status).toBe(
      "2026-06-05 14:05 UTC (10:05 EDT): Failing over — next update promised by 2026-06-05 14:35 UTC (10:35 EDT)",
    );
    expect(content.body).toContain(`| **Current status** | ${status} |`);
  });

  it("gives the severity's cadence when nothing was promised, and nothing once the incident is over", () => {
    const status = (incident = makeIncident({ severity: 1 })) =>
      notice(incident).facts.find((f) => f.label === "Current status")?.value;
    expect(status()).toBe(
      "Investigating; no update posted yet — next update due by 2026-06-05 14:30 UTC (10:30 EDT)",
    );
    expect(
      status(
        makeIncident({
          severity: 1,
          state: "resolved",
          resolvedAt: T0 + 60 * MINUTE,
          resolution: { at: T0 + 60 * MINUTE, by: "bob", text: "Renewed the certificate" },
        }),
      ),
    ).toBe("Resolved; no update posted yet");
  });
});
