import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/core/config/schema.js";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import { meetingDeadline } from "../../../src/core/postmortem/meetingDeadline.js";
import { postmortemReviewers } from "../../../src/core/postmortem/postmortemReviewers.js";
import { makeIncident } from "../clocks/makeIncident.js";

// Issue 18, item 8: the post-mortem meeting, soon after the incident (playbooks 003, 004).
const resolvedAt = Date.parse("2026-11-18T16:00:00Z"); // Wednesday 11:00 in New York

describe("meetingDeadline", () => {
  it("counts the severity's allowance from the resolution", () => {
    const config = configSchema.parse({});
    const incident = (severity: 1 | 2) => makeIncident({ severity, resolvedAt });
    expect(meetingDeadline(incident(1), config, resolvedAt)).toEqual({ by: "Fri 20 Nov 2026", within: "2d" });
    // Five days lands on Monday 23rd.
    expect(meetingDeadline(incident(2), config, resolvedAt)).toEqual({ by: "Mon 23 Nov 2026", within: "5d" });
  });

  it("moves a day that falls on a weekend or holiday to the next working day", () => {
    // Three days after Wednesday is Saturday; the Monday after it is the next working day.
    const config = configSchema.parse({ postmortem: { meeting_within: { "1": "3d" } } });
    expect(meetingDeadline(makeIncident({ severity: 1, resolvedAt }), config, resolvedAt).by).toBe(
      "Mon 23 Nov 2026",
    );
    // Thanksgiving (a US federal holiday by default) moves to the Friday.
    const thanksgiving = configSchema.parse({ postmortem: { meeting_within: { "1": "8d" } } });
    expect(meetingDeadline(makeIncident({ severity: 1, resolvedAt }), thanksgiving, resolvedAt).by).toBe(
      "Fri 27 Nov 2026",
    );
  });
});

describe("postmortemReviewers", () => {
  it("asks the lead, the communicator, the product owner and the configured reviewers", () => {
    const config = configSchema.parse({ postmortem: { reviewers: ["@acme/sre"] } });
    const incident = makeIncident({
      lead: "bob",
      comms: "dave",
      roles: { "product-owner": ["erin"], fixer: ["frank"] },
    });
    expect(postmortemReviewers(incident, config)).toEqual(["bob", "dave", "erin", "@acme/sre"]);
    const none = configSchema.parse({ postmortem: { reviewer_roles: [], request_roles: false } });
    expect(postmortemReviewers(incident, none)).toEqual([]);
  });

  it("refuses a reviewer role nobody can be given", () => {
    const result = parseConfig({ postmortem: { reviewer_roles: ["product-owners"] } });
    expect(result.ok ? [] : result.problems.map((p) => `${p.key}: ${p.message}`)).toEqual([
      'postmortem.reviewer_roles.0: no role named "product-owners" under `roles.extra`; add it there or fix the spelling',
    ]);
    // Without product-owner among the roles, the default asks nobody for it rather than refusing the file.
    expect(parseConfig({ roles: { extra: ["investigator"] } }).ok).toBe(true);
  });
});
