import { describe, expect, it } from "vitest";
import { renderNotices } from "../../../src/core/plan/renderNotices.js";
import { configSchema } from "../../../src/core/config/schema.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";
import { makeIncident, MINUTE } from "../clocks/makeIncident.js";

// Issue 18, item 11: notices name people and steps in words, never the config's placeholders or keys.
describe("renderNotices: escalation", () => {
  it("a step without a note says whom it calls, with the roster's placeholders resolved", () => {
    const config = configSchema.parse({
      oncall: { primary: "erin", secondary: "frank" },
      escalation: {
        ladders: [
          {
            name: "all",
            when: {},
            steps: [{ after: "30m", notify: ["{oncall}", "{oncall-secondary}", "@acme/sre"] }],
          },
        ],
      },
    });
    const incident = makeIncident({ severity: 2 });
    const notice = renderNotices(
      incident,
      config,
      incident.declaredAt + 31 * MINUTE,
      bundledTemplates(),
    ).find((n) => n.notice?.kind === "escalation");
    expect(notice?.body).toMatch(/— calls erin, frank, acme\/sre/);
    expect(notice?.body).not.toMatch(/\{oncall/);
    expect(notice?.body.split("\n").slice(1).join("\n")).not.toMatch(/all:0/);
  });
});
