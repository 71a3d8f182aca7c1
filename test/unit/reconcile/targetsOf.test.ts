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
});
