import { describe, expect, it } from "vitest";
import { parseFreezeIssue, renderFreezeIssue } from "../../../src/core/freeze/freezeIssue.js";
import { at } from "./helpers.js";

const BOT = "expedite[bot]";
const UNTIL = at("2026-12-28T13:00:00Z");

function rendered(overrides: Partial<Parameters<typeof renderFreezeIssue>[0]> = {}) {
  return renderFreezeIssue({
    until: UNTIL,
    reason: "Payment provider migration; ping @payments if it slips",
    branches: ["main", "release/*"],
    requestedBy: "@alice",
    zone: "America/New_York",
    requestedIn: "#12",
    ...overrides,
  });
}

function asIssue(body: string | null, overrides: Partial<Parameters<typeof parseFreezeIssue>[0]> = {}) {
  return {
    number: 34,
    html_url: "https://github.com/acme/shop/issues/34",
    body,
    user: BOT,
    created_at: "2026-12-26T15:00:00Z",
    closed_at: null,
    state: "open",
    ...overrides,
  };
}

describe("renderFreezeIssue", () => {
  it("says what is frozen, until when, why, who asked, and how to end or bypass it", () => {
    const { title, body } = rendered();
    expect(title).toBe(
      "Code freeze until Mon 28 Dec 2026 08:00 EST: Payment provider migration; ping @\u2060payments if it slips",
    );
    expect(body).toMatch(/^<!-- expedite:freeze \{.*\} -->\n/);
    expect(body).toContain(
      "**Merges are frozen** into `main`, `release/*` until **2026-12-28 13:00 UTC (08:00 EST)**.",
    );
    expect(body).toContain("> Payment provider migration; ping @\u2060payments if it slips");
    expect(body).toContain("Requested by @\u2060alice in #12.");
    expect(body).toContain("close this issue or comment `/unfreeze`");
    expect(body).toContain("`/freeze-exception <reason>`");
    // Outside the marker, nothing pings anyone.
    expect(body.replace(/<!--.*?-->/s, "")).not.toMatch(/@[A-Za-z0-9]/);
  });

  it("describes an unscoped freeze as following the configuration", () => {
    expect(rendered({ branches: [] }).body).toContain("into the branches the freeze configuration covers");
  });
});

describe("parseFreezeIssue", () => {
  it("reads back what was rendered", () => {
    expect(parseFreezeIssue(asIssue(rendered().body), BOT)).toEqual({
      number: 34,
      url: "https://github.com/acme/shop/issues/34",
      reason: "Payment provider migration; ping @payments if it slips",
      until: UNTIL,
      branches: ["main", "release/*"],
      openedBy: "alice",
      openedAt: at("2026-12-26T15:00:00Z"),
    });
  });

  it("keeps a reason that tries to close the marker", () => {
    const reason = 'oops --> <!-- expedite:freeze {"v":1} --> "quoted" & done';
    const { body } = rendered({ reason });
    expect(body.match(/-->/g)).toHaveLength(1);
    expect(parseFreezeIssue(asIssue(body), BOT)?.reason).toBe(reason);
  });

  it("records when a closed issue was closed", () => {
    const closed = asIssue(rendered().body, { state: "closed", closed_at: "2026-12-27T10:00:00Z" });
    expect(parseFreezeIssue(closed, BOT)?.closedAt).toBe(at("2026-12-27T10:00:00Z"));
    const noTime = asIssue(rendered().body, { state: "closed", closed_at: null });
    expect(parseFreezeIssue(noTime, BOT)?.closedAt).toBe(at("2026-12-26T15:00:00Z"));
  });

  it("matches the bot's login whatever its case", () => {
    expect(parseFreezeIssue(asIssue(rendered().body), "Expedite[bot]")).toBeDefined();
  });

  it("ignores an issue the bot did not write, even with a perfect marker", () => {
    expect(parseFreezeIssue(asIssue(rendered().body, { user: "mallory" }), BOT)).toBeUndefined();
    expect(parseFreezeIssue(asIssue(rendered().body, { user: "github-actions[bot]" }), BOT)).toBeUndefined();
  });

  it("accepts any of several trusted bots", () => {
    const fromAction = asIssue(rendered().body, { user: "github-actions[bot]" });
    expect(parseFreezeIssue(fromAction, [BOT, "github-actions[bot]"])?.number).toBe(34);
    expect(parseFreezeIssue(fromAction, [])).toBeUndefined();
  });

  it("rejects a hand-edited marker", () => {
    const { body } = rendered();
    const later = body.replace(`"until":${UNTIL}`, `"until":${UNTIL + 86_400_000}`);
    expect(later).not.toBe(body);
    expect(parseFreezeIssue(asIssue(later), BOT)).toBeUndefined();
    const wider = body.replace('"branches":["main","release/*"]', '"branches":["**"]');
    expect(wider).not.toBe(body);
    expect(parseFreezeIssue(asIssue(wider), BOT)).toBeUndefined();
  });

  it("rejects a missing, malformed, duplicated or extended marker", () => {
    const { body } = rendered();
    const marker = body.split("\n")[0] ?? "";
    expect(parseFreezeIssue(asIssue(null), BOT)).toBeUndefined();
    expect(parseFreezeIssue(asIssue("Freeze until Monday"), BOT)).toBeUndefined();
    expect(parseFreezeIssue(asIssue("<!-- expedite:freeze {not json} -->"), BOT)).toBeUndefined();
    expect(parseFreezeIssue(asIssue(`${body}\n${marker}`), BOT)).toBeUndefined();
    expect(parseFreezeIssue(asIssue(body.replace('{"v":1,', '{"v":1,"extra":true,')), BOT)).toBeUndefined();
    expect(parseFreezeIssue(asIssue(body.replace('"v":1', '"v":2')), BOT)).toBeUndefined();
  });

  it("ignores edits to the visible text", () => {
    const { body } = rendered();
    const edited = body.replace("Requested by", "Someone says").replace("2026-12-28", "2027-06-01");
    expect(parseFreezeIssue(asIssue(edited), BOT)?.until).toBe(UNTIL);
  });
});
