import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { FORM_FIELDS, REVENUE_OPTIONS, SEVERITY_OPTIONS } from "../../../src/core/form/formFields.js";
import { parseIssueForm } from "../../../src/core/form/parseIssueForm.js";
import { renderFormBody } from "./renderFormBody.js";

const RUNS = { seed: 4242, numRuns: 3000 };
const ZONE = "America/New_York";
const NOW = DateTime.fromISO("2026-11-22T10:00", { zone: ZONE }).toMillis();
const CTX = { now: NOW, timeZone: ZONE };

describe("parseIssueForm", () => {
  it("reads every answer of a filled-in form", () => {
    const body = renderFormBody({
      summary: "Payments fail after checkout.\nBookings are not confirmed.",
      severity: SEVERITY_OPTIONS[1],
      applications: "web checkout, payments API",
      "business-impact": "A third of card payments fail.",
      evidence: "Error tracker: https://errors.example.com/issues/1\n![screen](https://example.com/s.png)",
      revenue: REVENUE_OPTIONS.yes,
      reproduce: "1. Add an item\n2. Pay",
      started: "45m ago",
    });
    expect(parseIssueForm(body, CTX)).toEqual({
      summary: "Payments fail after checkout.\nBookings are not confirmed.",
      severity: 2,
      applications: "web checkout, payments API",
      businessImpact: "A third of card payments fail.",
      evidence: "Error tracker: https://errors.example.com/issues/1\n![screen](https://example.com/s.png)",
      revenue: "yes",
      reproduce: "1. Add an item\n2. Pay",
      startedText: "45m ago",
      startedAt: NOW - 45 * 60_000,
    });
  });

  it("leaves unanswered fields undefined", () => {
    expect(parseIssueForm(renderFormBody({ summary: "Search is down" }), CTX)).toEqual({
      summary: "Search is down",
    });
  });

  it.each(SEVERITY_OPTIONS.map((option, index) => [option, index + 1] as const))(
    "severity %s",
    (option, level) => {
      expect(parseIssueForm(renderFormBody({ severity: option }), CTX).severity).toBe(level);
    },
  );

  it.each([
    ["Yes", "yes"],
    ["No", "no"],
    ["Unknown", "unknown"],
    ["not sure", "unknown"],
    ["banana", undefined],
  ])("revenue %s", (answer, revenue) => {
    expect(parseIssueForm(renderFormBody({ revenue: answer }), CTX).revenue).toBe(revenue);
  });

  it("keeps the start time as typed, and parses it when it can", () => {
    const parsed = (started: string) => parseIssueForm(renderFormBody({ started }), CTX);
    expect(parsed("yesterday 23:10")).toEqual({
      startedText: "yesterday 23:10",
      startedAt: DateTime.fromISO("2026-11-21T23:10", { zone: ZONE }).toMillis(),
    });
    expect(parsed("around 9:30 when the deploy finished")).toMatchObject({
      startedAt: DateTime.fromISO("2026-11-22T09:30", { zone: ZONE }).toMillis(),
    });
    // Issue 18: an answer that cannot be read is kept with the reason, so it can be reported, not dropped.
    expect(parsed("early this morning")).toEqual({
      startedText: "early this morning",
      startedProblem: expect.stringMatching(/`early`/),
    });
    expect(parsed("around lunch")).toEqual({
      startedText: "around lunch",
      startedProblem: expect.stringMatching(/I can't read `lunch` as part of a time/),
    });
    // A start after the issue was opened is a typo; keep the text, drop the time, say why.
    expect(parsed("tomorrow 09:00")).toEqual({
      startedText: "tomorrow 09:00",
      startedProblem: "That is after the issue was opened.",
    });
  });

  it("tolerates GitHub's variations: CRLF, extra blank lines, trailing spaces, reordered sections", () => {
    const body = "### Severity  \r\n\r\n\r\nSEV1 – Critical\r\n\r\n### Summary\r\n\r\nCart empty\r\n";
    expect(parseIssueForm(body, CTX)).toEqual({ severity: 1, summary: "Cart empty" });
  });

  it("ignores unknown sections and headings inside code blocks", () => {
    const body = [
      "### Summary",
      "",
      "Logs below",
      "```",
      "### Severity",
      "not a heading",
      "```",
      "",
      "### Anything else?",
      "",
      "SEV1 is what I think",
    ].join("\n");
    expect(parseIssueForm(body, CTX)).toEqual({
      summary: "Logs below\n```\n### Severity\nnot a heading\n```",
    });
  });

  it("takes the first paragraph of a body that is not a form", () => {
    expect(parseIssueForm("# Checkout down\n\nMore detail here.", CTX)).toEqual({ summary: "Checkout down" });
    expect(
      parseIssueForm("<!-- template hint -->\n\n  Login fails for SSO users \nsince 9am\n\nlater", CTX),
    ).toEqual({
      summary: "Login fails for SSO users\nsince 9am",
    });
    expect(parseIssueForm("x".repeat(2000), CTX).summary).toHaveLength(500);
  });

  it.each([null, undefined, "", "   \n\n ", "<!-- only a comment -->"])("returns nothing for %j", (body) => {
    expect(parseIssueForm(body, CTX)).toEqual({});
  });
});

describe("parseIssueForm properties", () => {
  it("never throws on arbitrary input", () => {
    const piece = fc.oneof(
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.constantFrom(
        ...FORM_FIELDS.map((field) => `### ${field.label}`),
        "_No response_",
        "```",
        "<!--",
        "\r\n",
        "\n\n",
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const form = parseIssueForm(pieces.join("\n"), CTX);
        for (const value of Object.values(form)) expect(value).not.toBeUndefined();
      }),
      RUNS,
    );
  });

  it("reads back whatever a reporter typed into the free-text fields", () => {
    // GitHub trims answers; a reporter's own "### " line would start a new section, as it does on GitHub.
    const answer = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 200 })
      .map((text) => text.replace(/\r\n?/g, "\n").trim())
      .filter(
        (text) =>
          text !== "" &&
          text !== "_No response_" &&
          !/^ {0,3}###[ \t]/m.test(text) &&
          !/^\s*(```|~~~)/m.test(text),
      );
    fc.assert(
      fc.property(answer, answer, answer, (summary, applications, reproduce) => {
        const form = parseIssueForm(renderFormBody({ summary, applications, reproduce }), CTX);
        expect(form).toEqual({ summary, applications, reproduce });
      }),
      RUNS,
    );
  });
});
