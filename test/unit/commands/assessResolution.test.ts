import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessResolution } from "../../../src/core/commands/assessResolution.js";

const RUNS = { seed: 987, numRuns: 3000 };

const GOOD = [
  "Known bug, card #987",
  "Restarted the unicorn workers after a stack overflow; metrics are back to normal; fix scheduled next sprint",
  "Expired TLS certificate on the API gateway, renewed it",
  "Rolled back release 4.2.1; root cause tracked in PAY-231",
  "See https://status.example.com/incidents/42",
  "Reverted 3f2a9c1",
  "Duplicate of acme/shop#1203",
  "Disk full on db-2: cleared WAL archive, added alert",
  "#42",
  "Ticket 5531 has the details",
];

const BAD = [
  "",
  "   ",
  "...",
  "👍",
  "🎉🎉",
  "?!",
  "fixed",
  "Fixed.",
  "FIXED!!!",
  "done",
  "resolved",
  "ok",
  "OK 👍",
  "sorted",
  "works now",
  "It works now!",
  "all good",
  "All good now, thanks",
  "Well, that sucked.",
  "well that sucked",
  "fixed the bug",
  "issue is resolved",
  "should be fine now",
  "back to normal",
  "LGTM",
  "it's fixed",
];

describe("assessResolution", () => {
  it.each(GOOD)("accepts %j", (text) => {
    expect(assessResolution(text)).toEqual({ ok: true });
  });

  it.each(BAD)("refuses %j and says what a resolution needs", (text) => {
    const result = assessResolution(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/what was wrong/);
      expect(result.reason).toMatch(/follow-up/);
    }
  });

  it("explains each kind of refusal differently", () => {
    const reason = (text: string): string => {
      const result = assessResolution(text);
      return result.ok ? "" : result.reason;
    };
    expect(reason("")).toMatch(/needs text/);
    expect(reason("...")).toMatch(/Punctuation or emoji/);
    expect(reason("Fixed.")).toMatch(/`Fixed\.` does not say/);
    expect(reason("Restarted redis")).toMatch(/too short/);
  });

  it("refuses content-free phrases whatever their case, punctuation or emoji", () => {
    const stock = fc.constantFrom(
      "fixed",
      "done",
      "resolved",
      "ok",
      "sorted",
      "works now",
      "all good",
      "well that sucked",
    );
    fc.assert(
      fc.property(
        stock,
        fc.infiniteStream(fc.boolean()),
        fc.constantFrom("", ".", "!", "!!!", "...", " 👍", " 🎉", ", "),
        fc.constantFrom("", "  ", "\n"),
        (phrase, flips, tail, pad) => {
          const cased = [...phrase].map((char) => (flips.next().value ? char.toUpperCase() : char)).join("");
          expect(assessResolution(pad + cased + tail + pad).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it("accepts the good examples however they are cased or padded", () => {
    fc.assert(
      fc.property(fc.constantFrom(...GOOD), fc.constantFrom("", " ", "\n", "  \t"), (text, pad) => {
        expect(assessResolution(pad + text + pad)).toEqual({ ok: true });
        expect(assessResolution(text.toUpperCase())).toEqual({ ok: true });
      }),
      RUNS,
    );
  });

  it("refuses anything without a letter or digit", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(".", "!", "?", "-", "…", "*", " ", "\n", "👍", "🎉", "🔥", "🙏🏽"),
          maxLength: 30,
        }),
        (text) => {
          expect(assessResolution(text).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it("never throws and always explains a refusal", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 500 }), (text) => {
        const result = assessResolution(text);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(20);
      }),
      RUNS,
    );
  });
});
