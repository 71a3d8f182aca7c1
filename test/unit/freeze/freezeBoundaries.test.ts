import { describe, expect, it } from "vitest";
import { activeFreezes } from "../../../src/core/freeze/activeFreezes.js";
import { freezeBoundaries } from "../../../src/core/freeze/freezeBoundaries.js";
import type { FreezeIssue } from "../../../src/core/freeze/types.js";
import { at, config } from "./helpers.js";

const iso = (list: number[]) => list.map((ms) => new Date(ms).toISOString());

function issue(overrides: Partial<FreezeIssue>): FreezeIssue {
  return {
    number: 34,
    url: "https://github.com/acme/shop/issues/34",
    reason: "Migration",
    branches: [],
    openedBy: "alice",
    openedAt: at("2026-12-01T00:00:00Z"),
    ...overrides,
  };
}

describe("freezeBoundaries", () => {
  it("gives the exact instants of a weekly window over three weeks including the DST switch", () => {
    const c = config({ windows: [{ name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" }] });
    expect(iso(freezeBoundaries(c, [], at("2026-02-27T00:00:00Z"), at("2026-03-16T23:59:00Z")))).toEqual([
      "2026-02-27T21:00:00.000Z", // Fri 16:00 EST
      "2026-03-02T13:00:00.000Z", // Mon 08:00 EST
      "2026-03-06T21:00:00.000Z", // Fri 16:00 EST
      "2026-03-09T12:00:00.000Z", // Mon 08:00 EDT: clocks went forward on Sunday
      "2026-03-13T20:00:00.000Z", // Fri 16:00 EDT
      "2026-03-16T12:00:00.000Z", // Mon 08:00 EDT
    ]);
  });

  it("includes instants exactly at either end of the range and nothing outside it", () => {
    const c = config({ windows: [{ name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" }] });
    expect(iso(freezeBoundaries(c, [], at("2026-03-02T13:00:00Z"), at("2026-03-06T21:00:00Z")))).toEqual([
      "2026-03-02T13:00:00.000Z",
      "2026-03-06T21:00:00.000Z",
    ]);
    expect(freezeBoundaries(c, [], at("2026-03-03T00:00:00Z"), at("2026-03-04T00:00:00Z"))).toEqual([]);
  });

  it("starts closures lead_days before closing and merges equal instants", () => {
    const c = config({
      windows: [{ name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" }],
      closures: [
        { name: "Christmas closure", closes: "2026-12-24T17:00", reopens: "2026-12-28T08:00" },
        { name: "New year", closes: "2026-12-31T12:00", reopens: "2027-01-04T08:00", lead_days: 5 },
      ],
    });
    expect(iso(freezeBoundaries(c, [], at("2026-12-21T00:00:00Z"), at("2027-01-05T00:00:00Z")))).toEqual([
      "2026-12-21T13:00:00.000Z", // Mon 08:00: the weekend before ends
      "2026-12-22T22:00:00.000Z", // Christmas freeze: Tue 22 Dec 17:00, two days before closing
      "2026-12-25T21:00:00.000Z", // weekend starts
      "2026-12-26T17:00:00.000Z", // New year freeze: Sat 26 Dec 12:00, five days before closing
      "2026-12-28T13:00:00.000Z", // Mon 08:00: the weekend and the Christmas closure both end
      "2027-01-01T21:00:00.000Z", // weekend starts (inside the new-year freeze)
      "2027-01-04T13:00:00.000Z", // weekend and new-year freeze both end
    ]);
  });

  it("includes the end of open manual freezes, not closed or open-ended ones", () => {
    const open = issue({ until: at("2026-12-10T17:00:00Z") });
    const closed = issue({
      number: 35,
      until: at("2026-12-11T17:00:00Z"),
      closedAt: at("2026-12-09T00:00:00Z"),
    });
    const openEnded = issue({ number: 36 });
    const later = issue({ number: 37, until: at("2027-02-01T00:00:00Z") });
    expect(
      iso(
        freezeBoundaries(
          config(),
          [open, closed, openEnded, later],
          at("2026-12-01T00:00:00Z"),
          at("2026-12-31T00:00:00Z"),
        ),
      ),
    ).toEqual(["2026-12-10T17:00:00.000Z"]);
  });

  it("marks every instant at which the set of active freezes changes", () => {
    const c = config({
      windows: [
        { name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" },
        { name: "Launch", start: "2026-03-04T09:00", end: "2026-03-05" },
      ],
      closures: [
        {
          name: "Offsite",
          closes: "2026-03-12",
          reopens: "2026-03-13T12:00",
          lead_days: 1,
          short_lead_ok: true,
        },
      ],
    });
    const from = at("2026-03-01T00:00:00Z");
    const to = at("2026-03-20T00:00:00Z");
    const boundaries = new Set(freezeBoundaries(c, [], from, to));
    const names = (now: number) =>
      activeFreezes({ now, config: c, defaultBranch: "main", base: "main", freezeIssues: [], incidents: [] })
        .map((f) => f.name)
        .join(",");
    // Walk in quarter hours (every instant here falls on one): whenever the answer changes, the scheduler
    // must have had a boundary there.
    const step = 15 * 60_000;
    let previous = names(from);
    for (let now = from + step; now <= to; now += step) {
      const current = names(now);
      if (current !== previous) expect(boundaries.has(now)).toBe(true);
      previous = current;
    }
  });
});
