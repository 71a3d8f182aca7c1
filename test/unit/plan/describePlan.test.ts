import { describe, expect, it } from "vitest";
import {
  describeIncidentPlan,
  describePullPlan,
  excerpt,
  plannedWrites,
} from "../../../src/core/plan/describePlan.js";
import type { PullPlan } from "../../../src/core/freeze/planPull.js";
import { emptyIncident } from "../../../src/core/emptyIncident.js";

describe("describePlan", () => {
  it("shows a comment by its first visible line, without the bot's marker", () => {
    expect(
      excerpt("<!-- expedite:exception comment=5 -->\n\n📝 Freeze exception **requested**\n\nmore"),
    ).toBe("📝 Freeze exception **requested**");
    expect(excerpt("a".repeat(200), 10)).toBe("aaaaaaaaa…");
  });

  it("says each write of a pull request's plan in one line", () => {
    const plan: PullPlan = {
      number: 12,
      verdict: { conclusion: "failure", title: "Code freeze: launch", summary: "", freezes: [] },
      replies: [{ identity: "exception:5:1", body: "<!-- expedite:exception -->\n📝 requested by @carol" }],
      audits: [
        {
          issue: 40,
          identity: "exception-audit:5:1",
          body: "<!-- m -->\nFreeze exception requested by carol",
        },
      ],
      deleteComments: [99],
      ensureLabels: ["incident-fix"],
      check: {
        name: "expedite/freeze",
        sha: "a1b2c3d4e5",
        output: { conclusion: "failure", title: "Code freeze: launch", summary: "…" },
        detailsUrl: "https://github.com/acme/shop/pull/12",
      },
      news: [],
    };
    expect(describePullPlan(plan)).toEqual([
      "would post a reply on #12: 📝 requested by @carol",
      "would record on #40 (unless already there): Freeze exception requested by carol",
      "would delete comment 99 on #12, a duplicate answer",
      "would create the label incident-fix if the repository lacks it",
      "would set check run expedite/freeze on a1b2c3d to failure: Code freeze: launch",
    ]);
    expect(plannedWrites(plan)).toBe(4);
  });

  it("says each write of an incident's plan in one line", () => {
    expect(
      describeIncidentPlan(7, {
        incident: emptyIncident({
          number: 7,
          title: "Down",
          url: "https://github.com/acme/shop/issues/7",
          declaredAt: 0,
        }),
        labels: { add: ["sev:1", "incident:declared"], remove: [] },
        assign: ["alice"],
        unassign: [],
        react: [31],
        comments: [{ identity: "board", body: "<!-- expedite:board -->\n## Incident board" }],
        deleteComments: [],
        close: "completed",
      }),
    ).toEqual([
      "would add label(s) sev:1, incident:declared to #7",
      "would assign @alice to #7",
      "would react 👍 to comment 31 on #7",
      "would post a comment (board) on #7: ## Incident board",
      "would close #7 as completed",
    ]);
  });
});
