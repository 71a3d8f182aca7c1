import { describe, expect, it } from "vitest";
import { targetsOf, targetKey, referencedNumbers } from "../../../src/reconcile/targetsOf.js";

const bots = new Set(["expedite[bot]"]);
const issue = {
  number: 7,
  title: "Down",
  html_url: "https://github.com/acme/shop/issues/7",
  state: "open",
  user: { login: "alice" },
  created_at: "2026-11-17T15:00:00Z",
  closed_at: null,
  labels: [{ name: "incident" }],
  assignees: [],
};

describe("targetsOf", () => {
  it("skips the bot's own events, but not scheduled sweeps", () => {
    expect(
      targetsOf("issues", { action: "labeled", sender: { login: "expedite[bot]" }, issue }, bots),
    ).toEqual([]);
    expect(targetsOf("schedule", { sender: { login: "expedite[bot]" } }, bots)).toEqual([{ kind: "sweep" }]);
  });

  it("carries the event's view of the issue, and flags freeze commands with a key of their own", () => {
    const [target] = targetsOf(
      "issue_comment",
      { action: "created", sender: { login: "bob" }, issue, comment: { body: "/freeze 2026-12-01 release" } },
      bots,
    );
    expect(target).toMatchObject({
      kind: "issue",
      number: 7,
      freezeCommand: true,
      issue: { labels: ["incident"] },
    });
    expect(targetKey("acme/shop", target!)).toBe("acme/shop#7:freeze");
  });

  it("re-checks the pull requests of a re-run check", () => {
    expect(
      targetsOf(
        "check_run",
        {
          action: "rerequested",
          sender: { login: "bob" },
          check_run: { pull_requests: [{ number: 3 }, { number: 4 }] },
        },
        bots,
      ),
    ).toEqual([
      { kind: "pull", number: 3 },
      { kind: "pull", number: 4 },
    ]);
    expect(
      targetsOf(
        "check_run",
        { action: "completed", sender: { login: "bob" }, check_run: { pull_requests: [{ number: 3 }] } },
        bots,
      ),
    ).toEqual([]);
  });

  it("a pull request event also refreshes the incidents it mentions", () => {
    const targets = targetsOf(
      "pull_request",
      {
        action: "closed",
        sender: { login: "bob" },
        pull_request: { number: 9, title: "Fix", body: "Refs #7 and acme/other#8" },
      },
      bots,
    );
    expect(targets).toEqual([
      { kind: "pull", number: 9 },
      { kind: "issue", number: 7 },
    ]);
    expect(referencedNumbers("see #12, #12 and x#3")).toEqual([12]);
  });

  it("an issue label event says which label it added or removed", () => {
    expect(
      targetsOf(
        "issues",
        { action: "unlabeled", sender: { login: "bob" }, issue, label: { name: "incident" } },
        bots,
      ),
    ).toMatchObject([{ kind: "issue", number: 7, label: { name: "incident", added: false } }]);
    expect(
      targetsOf(
        "issues",
        { action: "labeled", sender: { login: "bob" }, issue, label: { name: "sev:1" } },
        bots,
      ),
    ).toMatchObject([{ kind: "issue", number: 7, label: { name: "sev:1", added: true } }]);
    expect(
      targetsOf("issues", { action: "edited", sender: { login: "bob" }, issue }, bots)[0],
    ).not.toHaveProperty("label");
  });

  it("takes the pull request from the event only when asked (the Action) and when the payload is whole", () => {
    const pull_request = {
      number: 9,
      html_url: "https://github.com/acme/shop/pull/9",
      state: "open",
      merged_at: null,
      head: { ref: "fix", sha: "a".repeat(40) },
      base: { ref: "main" },
      title: "Fix",
      body: null,
      labels: [{ name: "incident-fix" }],
      user: { login: "bob" },
      created_at: "2026-11-17T15:00:00Z",
    };
    const payload = { action: "synchronize", sender: { login: "bob" }, pull_request };
    expect(targetsOf("pull_request", payload, bots)).toEqual([{ kind: "pull", number: 9 }]);
    expect(targetsOf("pull_request", payload, bots, { pullsFromPayload: true })).toEqual([
      {
        kind: "pull",
        number: 9,
        pull: {
          number: 9,
          url: "https://github.com/acme/shop/pull/9",
          state: "open",
          merged: false,
          headRef: "fix",
          headSha: "a".repeat(40),
          baseRef: "main",
          title: "Fix",
          body: "",
          labels: ["incident-fix"],
          author: "bob",
          createdAt: Date.parse("2026-11-17T15:00:00Z"),
        },
      },
    ]);
    // A payload missing what the freeze check reads is not trusted to stand in for the pull request.
    const { head: _head, ...partial } = pull_request;
    expect(
      targetsOf("pull_request", { ...payload, pull_request: partial }, bots, { pullsFromPayload: true }),
    ).toEqual([{ kind: "pull", number: 9 }]);
  });
});
