import { describe, expect, it } from "vitest";
import { freezeStartedReply, planFreezeCommands } from "../../../src/core/freeze/planFreezeCommands.js";
import type { FreezeCommandsRead } from "../../../src/core/freeze/planFreezeCommands.js";
import type { FreezeIssue } from "../../../src/core/freeze/types.js";
import type { Permission } from "../../../src/core/snapshot.js";
import { renderMarker } from "../../../src/core/markers.js";
import { at, config } from "./helpers.js";

const NOW = at("2026-03-04T15:00:00Z");
const BOT = "expedite[bot]";
const CONFIG = config();

function read(
  comments: Array<[number, string, string]>,
  overrides: Partial<FreezeCommandsRead> = {},
): FreezeCommandsRead {
  return {
    number: 7,
    where: "issue",
    comments: comments.map(([id, author, body]) => ({
      id,
      author,
      body,
      at: at("2026-03-04T14:00:00Z"),
      url: `https://github.com/acme/shop/issues/7#issuecomment-${id}`,
    })),
    freezeIssues: [],
    trustedBots: new Set([BOT]),
    ...overrides,
  };
}

const roles = (entries: Record<string, Permission>) => new Map(Object.entries(entries));

function freezeIssue(number: number, heldFor?: number): FreezeIssue {
  return {
    number,
    url: `https://github.com/acme/shop/issues/${number}`,
    reason: "launch",
    branches: [],
    openedBy: BOT,
    openedAt: at("2026-03-04T09:00:00Z"),
    ...(heldFor !== undefined ? { heldFor } : {}),
  };
}

describe("planFreezeCommands", () => {
  it("asks for the role of each person whose command is unanswered, and only theirs", () => {
    const answered = `${renderMarker("freeze-reply", { comment: 1, line: 1 })}\nok`;
    const input = read([
      [1, "alice", "/freeze 2026-03-05 18:00 launch"],
      [2, BOT, answered],
      [3, "bob", "/unfreeze"],
      [4, "carol", "just a comment"],
    ]);
    expect(planFreezeCommands(input, CONFIG, NOW).needs).toEqual({ permissions: ["bob"] });
  });

  it("opens a freeze issue for /freeze from someone with the role, and replies naming it once it has a number", () => {
    const planned = planFreezeCommands(
      read([[1, "alice", "/freeze 2026-03-05 18:00 launch week"]], {
        permissions: roles({ alice: "write" }),
      }),
      CONFIG,
      NOW,
    ).plan!;
    expect(planned.changed).toBe(true);
    const [step] = planned.steps;
    expect(step).toMatchObject({ kind: "freeze", identity: "freeze-reply:comment=1&line=1" });
    if (step?.kind !== "freeze") throw new Error("not a freeze");
    expect(step.issue.title).toMatch(/launch week/);
    expect(step.source).toBe("https://github.com/acme/shop/issues/7#issuecomment-1");
    expect(freezeStartedReply(step, 41, "America/New_York")).toMatch(
      /🧊 Code freeze started until .*: #41\./,
    );
  });

  it("refuses without the role, and a freeze whose end has passed, each with one reply and no change", () => {
    const planned = planFreezeCommands(
      read(
        [
          [1, "mallory", "/unfreeze"],
          [2, "alice", "/freeze 2026-03-01 18:00 too late"],
        ],
        { permissions: roles({ mallory: "triage", alice: "admin" }) },
      ),
      CONFIG,
      NOW,
    ).plan!;
    expect(planned.changed).toBe(false);
    expect(planned.steps.map((s) => s.kind)).toEqual(["reply", "reply"]);
    expect(planned.steps[0]?.kind === "reply" && planned.steps[0].body).toMatch(
      /needs the \*\*write\*\* role/,
    );
    expect(planned.steps[1]?.kind === "reply" && planned.steps[1].body).toMatch(/has already passed/);
  });

  it("/unfreeze elsewhere closes every manual freeze; on a held issue, its hold records and their labels", () => {
    const everywhere = planFreezeCommands(
      read([[1, "alice", "/unfreeze"]], {
        freezeIssues: [freezeIssue(40), freezeIssue(41, 9)],
        permissions: roles({ alice: "write" }),
      }),
      CONFIG,
      NOW,
    ).plan!;
    expect(everywhere.steps[0]).toMatchObject({ kind: "unfreeze", close: [{ number: 40 }] });
    const held = planFreezeCommands(
      read([[1, "alice", "/unfreeze"]], {
        number: 9,
        freezeIssues: [freezeIssue(40), freezeIssue(41, 9)],
        permissions: roles({ alice: "write" }),
      }),
      CONFIG,
      NOW,
    ).plan!;
    expect(held.steps[0]).toMatchObject({ kind: "unfreeze", close: [{ number: 41, heldFor: 9 }] });
    expect(held.changed).toBe(true);
  });

  it("answers /help on a pull request only, and leaves an unreadable command on an incident to the incident", () => {
    const pull = planFreezeCommands(
      read([[1, "alice", "/help"]], { where: "pull-request" }),
      CONFIG,
      NOW,
    ).plan!;
    expect(pull.steps).toEqual([expect.objectContaining({ kind: "reply", identity: "reply:1:1" })]);
    expect(planFreezeCommands(read([[1, "alice", "/help"]]), CONFIG, NOW).plan!.steps).toEqual([]);
    const garbled = read([[1, "alice", "/freeze whenever"]]);
    expect(planFreezeCommands({ ...garbled, where: "incident" }, CONFIG, NOW).plan!.steps).toEqual([]);
    expect(planFreezeCommands(garbled, CONFIG, NOW).plan!.steps[0]).toMatchObject({ kind: "reply" });
  });
});
