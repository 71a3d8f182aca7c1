import { describe, expect, it } from "vitest";
import { approvalKey, planPull } from "../../../src/core/freeze/planPull.js";
import type { PullPlan, PullRead } from "../../../src/core/freeze/planPull.js";
import type { CheckRunState } from "../../../src/core/freeze/checkRun.js";
import type { ThreadComment } from "../../../src/core/freeze/exceptionRequest.js";
import type { FreezeIssue } from "../../../src/core/freeze/types.js";
import { renderMarker } from "../../../src/core/markers.js";
import { at, config, incident } from "./helpers.js";

const NOW = at("2026-03-04T15:00:00Z");
const HEAD = "a1b2c3d" + "0".repeat(33);
const BOT = "expedite[bot]";
const CONFIG = config({ approvers: ["bob"] });

const FREEZE: FreezeIssue = {
  number: 40,
  url: "https://github.com/acme/shop/issues/40",
  reason: "launch week",
  until: at("2026-03-06T12:00:00Z"),
  branches: [],
  openedBy: BOT,
  openedAt: at("2026-03-04T09:00:00Z"),
};

function read(overrides: Partial<PullRead> = {}): PullRead {
  return {
    pr: {
      number: 77,
      url: "https://github.com/acme/shop/pull/77",
      baseRef: "main",
      headSha: HEAD,
      title: "Speed up the cart",
      body: "",
      labels: [],
      references: [],
    },
    defaultBranch: "main",
    freezeIssues: [FREEZE],
    incidents: [],
    runs: [],
    botLogin: BOT,
    trustedBots: new Set([BOT]),
    ...overrides,
  };
}

function comment(id: number, author: string, body: string, when: string, editedAt?: string): ThreadComment {
  return { id, author, body, at: at(when), updatedAt: at(editedAt ?? when) };
}

const ASK = comment(
  501,
  "carol",
  "/freeze-exception the cart is broken for everyone",
  "2026-03-04T14:00:00Z",
);
const GRANT = comment(502, "bob", "/freeze-exception hotfix for the cart", "2026-03-04T14:30:00Z");

/** Plans, failing the test if the read was not complete. */
function plan(input: PullRead): PullPlan {
  const result = planPull(input, CONFIG, NOW);
  if (!result.plan) throw new Error(`still needs ${JSON.stringify(result.needs)}`);
  return result.plan;
}

function run(overrides: Partial<CheckRunState>): CheckRunState {
  return {
    id: 9,
    status: "completed",
    conclusion: "success",
    title: "",
    summary: "",
    externalId: null,
    startedAt: at("2026-03-04T08:00:00Z"),
    ...overrides,
  };
}

describe("planPull", () => {
  it("with no freeze on the base, plans a passing check from the check runs alone (no comments read)", () => {
    const planned = plan(read({ freezeIssues: [] }));
    expect(planned.verdict.conclusion).toBe("success");
    expect(planned.check).toMatchObject({
      name: "expedite/freeze",
      sha: HEAD,
      output: { conclusion: "success" },
    });
    expect(planned).toMatchObject({
      replies: [],
      audits: [],
      deleteComments: [],
      ensureLabels: [],
      news: [],
    });
  });

  it("plans no check write when our run on the head already says the same", () => {
    const first = plan(read({ freezeIssues: [] }));
    const { output } = first.check!;
    const again = plan(
      read({
        freezeIssues: [],
        runs: [run({ conclusion: output.conclusion, title: output.title, summary: output.summary })],
      }),
    );
    expect(again.check).toBeUndefined();
  });

  it("asks for the comments while a freeze applies, then the standing of those who asked, and nothing more", () => {
    expect(planPull(read(), CONFIG, NOW).needs).toEqual({
      comments: true,
      files: false,
      fixLabelAdder: false,
      approvals: [],
      heads: [],
    });
    expect(planPull(read({ comments: [ASK] }), CONFIG, NOW).needs?.approvals).toEqual([
      { login: "carol", at: ASK.at },
    ]);
  });

  it("answers a request from someone who may not grant: one reply, an audit on the freeze issue, a failing check", () => {
    const planned = plan(
      read({ comments: [ASK], approvals: new Map([[approvalKey("carol", ASK.at), false]]) }),
    );
    expect(planned.replies).toHaveLength(1);
    expect(planned.replies[0]).toMatchObject({ identity: "exception:501:1" });
    expect(planned.replies[0]!.body).toContain("📝 Freeze exception **requested** by @carol for `a1b2c3d`");
    expect(planned.replies[0]!.body).toContain("@bob an approver can grant it");
    expect(planned.audits).toEqual([
      expect.objectContaining({ issue: 40, identity: "exception-audit:501:1" }),
    ]);
    expect(planned.verdict.conclusion).toBe("failure");
    expect(planned.check?.output.conclusion).toBe("failure");
    // The verdict already counts the answer planned in the same pass.
    expect(planned.check?.output.summary).toContain("asked for an exception");
  });

  it("an approver's unedited request grants the head they saw: asks when the head was pushed, then passes", () => {
    const approvals = new Map([[approvalKey("bob", GRANT.at), true]]);
    expect(planPull(read({ comments: [GRANT], approvals }), CONFIG, NOW).needs?.heads).toEqual([GRANT.at]);
    const planned = plan(read({ comments: [GRANT], approvals, heads: new Map([[GRANT.at, HEAD]]) }));
    expect(planned.replies[0]!.body).toContain("✅ Freeze exception **granted** by bob");
    expect(planned.check?.output).toMatchObject({ conclusion: "success", externalId: "grants:502.1" });
  });

  it("a grant for a head pushed over since is not granted, and the check stays red", () => {
    const planned = plan(
      read({
        comments: [GRANT],
        approvals: new Map([[approvalKey("bob", GRANT.at), true]]),
        heads: new Map([[GRANT.at, "0ld5ha0" + "0".repeat(33)]]),
      }),
    );
    expect(planned.replies[0]!.body).toContain("**not granted** for `a1b2c3d`");
    expect(planned.check?.output.conclusion).toBe("failure");
    expect(planned.check?.output.externalId).toBeUndefined();
  });

  it("deletes the newer of two answers two reconcilers left for one request, and answers nothing twice", () => {
    const answer = (id: number) =>
      comment(
        id,
        BOT,
        `${renderMarker("exception", { comment: 501, line: 1, sha: HEAD, by: "carol", granted: "no", reason: "x" })}\n📝`,
        "2026-03-04T14:01:00Z",
      );
    const planned = plan(read({ comments: [ASK, answer(601), answer(602)], approvals: new Map() }));
    expect(planned.deleteComments).toEqual([602]);
    expect(planned.replies).toEqual([]);
  });

  it("asks who added the incident-fix label during an incident's freeze, and counts it only from someone with the role", () => {
    const labelled = read({
      freezeIssues: [],
      incidents: [incident()],
      pr: { ...read().pr, labels: ["incident-fix"] },
    });
    expect(planPull(labelled, CONFIG, NOW).needs).toMatchObject({ comments: true, fixLabelAdder: true });
    const untrusted = plan({ ...labelled, comments: [], fixLabelAdder: { by: "mallory", permitted: false } });
    expect(untrusted.verdict.conclusion).toBe("failure");
    expect(untrusted.check?.output.summary).toContain("mallory, who lacks the `write` permission");
    // The check tells the author to add the label, so it must exist first.
    expect(untrusted.ensureLabels).toEqual(["incident-fix"]);
    const trusted = plan({ ...labelled, comments: [], fixLabelAdder: { by: "dave", permitted: true } });
    expect(trusted.verdict.conclusion).toBe("success");
    expect(trusted.ensureLabels).toEqual([]);
  });

  it("is pure: the same read gives the same plan, and a frozen read is not touched", () => {
    const input = read({ comments: [ASK], approvals: new Map([[approvalKey("carol", ASK.at), false]]) });
    const frozen = deepFreeze(structuredClone(input));
    expect(planPull(frozen, CONFIG, NOW)).toEqual(planPull(input, CONFIG, NOW));
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !(value instanceof Map) && !(value instanceof Set)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
