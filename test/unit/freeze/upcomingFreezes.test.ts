import { describe, expect, it } from "vitest";
import { upcomingFreezes } from "../../../src/core/freeze/upcomingFreezes.js";
import { at, config } from "./helpers.js";

describe("upcomingFreezes", () => {
  const c = config({
    windows: [
      { name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" },
      { name: "Launch day", start: "2026-12-21T09:00", end: "2026-12-21T18:00" },
    ],
    closures: [{ name: "Christmas closure", closes: "2026-12-24T17:00", reopens: "2026-12-28T08:00" }],
  });

  it("lists freezes starting within announce_before (2 days by default), soonest first, with stable keys", () => {
    // Sun 20 Dec 17:00 EST: the closure's freeze starts exactly two days later.
    expect(upcomingFreezes(c, at("2026-12-20T22:00:00Z"))).toEqual([
      {
        key: "window:launch-day:2026-12-21T14:00:00.000Z",
        name: "Launch day",
        startsAt: at("2026-12-21T14:00:00Z"),
        endsAt: at("2026-12-21T23:00:00Z"),
        kind: "window",
      },
      {
        key: "closure:christmas-closure:2026-12-22T22:00:00.000Z",
        name: "Christmas closure",
        startsAt: at("2026-12-22T22:00:00Z"),
        endsAt: at("2026-12-28T13:00:00Z"),
        kind: "closure",
      },
    ]);
  });

  it("keeps the key of an occurrence the same whenever it is asked", () => {
    const early = upcomingFreezes(c, at("2026-12-20T22:00:00Z")).find((u) => u.kind === "closure");
    const late = upcomingFreezes(c, at("2026-12-22T21:59:00Z")).find((u) => u.kind === "closure");
    expect(late?.key).toBe(early?.key);
  });

  it("does not announce what has already started", () => {
    // Wed 23 Dec: the closure's freeze is running; the weekend inside it starts in 47 hours.
    expect(upcomingFreezes(c, at("2026-12-23T22:00:00Z")).map((u) => u.name)).toEqual(["Weekend"]);
  });

  it("gives each weekly occurrence its own key", () => {
    const wide = config({
      announce_before: "14d",
      windows: [{ name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" }],
    });
    expect(upcomingFreezes(wide, at("2026-03-01T00:00:00Z")).map((u) => u.key)).toEqual([
      "weekly:weekend:2026-03-06T21:00:00.000Z",
      // After the DST switch, 16:00 local is an hour earlier in UTC.
      "weekly:weekend:2026-03-13T20:00:00.000Z",
    ]);
  });

  it("keeps keys safe inside an HTML comment", () => {
    const odd = config({
      windows: [{ name: "Freeze --> <b>Zürich</b>", start: "2026-05-01", end: "2026-05-02" }],
    });
    const [only] = upcomingFreezes(odd, at("2026-04-30T12:00:00Z"));
    expect(only?.key).toBe("window:freeze-b-zürich-b:2026-05-01T04:00:00.000Z");
    expect(only?.key).not.toMatch(/--|>/);
  });
});
