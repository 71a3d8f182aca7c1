import { describe, expect, it } from "vitest";
import { projectIncident } from "../../../src/core/projection/projectIncident.js";
import { renderBoard, COMMENT_LIMIT } from "../../../src/core/board/renderBoard.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";
import { BOTS, PERMISSIONS, T0, comment, config, issue, labeled } from "./fixtures.js";

describe("renderBoard", () => {
  it("folds the oldest timeline entries instead of exceeding GitHub's comment limit", () => {
    const events = [labeled("alice", "incident", 0, 0)];
    for (let i = 1; i <= 400; i++)
      events.push(comment("bob", `/note ${"a long investigation note ".repeat(12)} #${i}`, i));
    const cfg = config();
    const { incident } = projectIncident(issue(), events, cfg, {
      trustedBots: BOTS,
      permissions: PERMISSIONS,
    });
    const board = renderBoard(bundledTemplates().board, incident, cfg, T0 + 500 * 60_000);
    expect(board.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(board).toMatch(/\d+ earlier entries are folded/);
    expect(board).toContain("#400"); // the newest entries stay
    expect(board).not.toContain(
      "note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note a long investigation note  #1 |",
    );
  });

  it("defuses mentions and HTML that people typed", () => {
    const events = [
      labeled("alice", "incident", 0, 0),
      comment("bob", "/note ping @acme/everyone and @carol <img src=x onerror=alert(1)> --> <!--", 1),
    ];
    const cfg = config();
    const { incident } = projectIncident(issue({ title: "[Incident] @dave <b>bold</b>" }), events, cfg, {
      trustedBots: BOTS,
      permissions: PERMISSIONS,
    });
    const board = renderBoard(bundledTemplates().board, incident, cfg, T0 + 5 * 60_000);
    expect(board).not.toMatch(/@(acme|carol|dave)\b/);
    expect(board).not.toContain("<img");
    expect(board).not.toContain("<b>");
    expect(board.split("<!--").length).toBe(2); // only the bot's own marker
  });
});
