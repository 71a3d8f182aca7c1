import { describe, expect, it } from "vitest";

import { parseLocalMoment } from "../../../src/core/calendar/parseLocalMoment.js";

describe("parseLocalMoment", () => {
  const zone = "America/New_York";

  it("reads a bare date as the start of that local day, or the start of the next with edge end", () => {
    expect(parseLocalMoment("2026-12-24", zone)).toBe(Date.parse("2026-12-24T05:00:00Z"));
    expect(parseLocalMoment("2026-12-24", zone, "end")).toBe(Date.parse("2026-12-25T05:00:00Z"));
    // The day clocks fall back is 25 hours long.
    expect(parseLocalMoment("2026-11-01", zone, "end")).toBe(Date.parse("2026-11-02T05:00:00Z"));
    expect(parseLocalMoment("2026-12-31", zone, "end")).toBe(Date.parse("2027-01-01T05:00:00Z"));
  });

  it("reads date-times in the zone unless they carry an offset", () => {
    expect(parseLocalMoment("2026-12-24T17:00", zone)).toBe(Date.parse("2026-12-24T22:00:00Z"));
    expect(parseLocalMoment("2026-12-24 17:00", zone)).toBe(Date.parse("2026-12-24T22:00:00Z"));
    expect(parseLocalMoment("2026-12-24T17:00:00Z", zone)).toBe(Date.parse("2026-12-24T17:00:00Z"));
    expect(parseLocalMoment("2026-12-24T17:00+01:00", zone)).toBe(Date.parse("2026-12-24T16:00:00Z"));
    // A date-time's `edge` does not move it.
    expect(parseLocalMoment("2026-12-24T17:00", zone, "end")).toBe(Date.parse("2026-12-24T22:00:00Z"));
  });

  it("rejects dates the calendar does not have", () => {
    expect(parseLocalMoment("2026-02-30", zone)).toBeUndefined();
    expect(parseLocalMoment("2026-13-01T10:00", zone)).toBeUndefined();
  });
});
