import { describe, expect, it } from "vitest";
import { visibleLines } from "../../../src/core/commands/visibleLines.js";

const texts = (body: string) => visibleLines(body).map((l) => l.text);

describe("visibleLines (CommonMark)", () => {
  it.each([
    ["an indented code block", "Do not type:\n\n    /cancel test run", [2]],
    ["an indented code block in a list item", "1. first\n\n       /cancel test run", [2]],
    ["a fenced block in a list item", "- step\n\n  ```\n  /cancel\n  ```", [2, 3, 4]],
    ["a fenced block left open", "~~~\n/cancel\n/sev 1", [1, 2]],
    ["a quote, and its lazy continuation", "> /cancel\n/sev 1", [0, 1]],
    ["a nested quote", "> > /cancel", [0]],
    ["an HTML comment over several lines", "<!--\n/cancel\n-->", [1]],
    ["an HTML block", "<details>\n/cancel\n</details>", [1]],
    ["a heading", "# /cancel", [0]],
  ])("hides %s", (_name, body, hidden) => {
    const lines = texts(body);
    for (const index of hidden) expect(lines[index]).toBeNull();
  });

  it("keeps paragraph lines, in and out of list items, with their line numbers", () => {
    expect(visibleLines("Status:\n\n/ack on it\n- item\n  /note in the item")).toEqual([
      { line: 1, text: "Status:" },
      { line: 2, text: null },
      { line: 3, text: "/ack on it" },
      { line: 4, text: "- item" },
      { line: 5, text: "  /note in the item" },
    ]);
  });

  it("cuts HTML comments out of the lines they sit on, even across lines", () => {
    expect(texts("a <!-- hidden\n/cancel --> b\n/ack")).toEqual(["a ", " b", "/ack"]);
    expect(texts("x <!-->/ack")).toEqual(["x /ack"]);
  });

  it("reads nothing of a paragraph whose comments it cannot place exactly", () => {
    // "<!--" inside a code span is not a comment to the parser; the paragraph is not read at all.
    expect(texts("`<!--` and\n/cancel -->")).toEqual([null, null]);
  });

  it("drops invisible characters people paste", () => {
    expect(texts("/lead @\u2060alice")).toEqual(["/lead @alice"]);
  });
});
