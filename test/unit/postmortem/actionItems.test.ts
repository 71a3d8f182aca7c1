import { describe, expect, it } from "vitest";
import { parseActionItems } from "../../../src/core/postmortem/actionItems.js";

const edited = [
  "# Post-mortem: checkout", // 1
  "", // 2
  "- [ ] not an action item, before the section", // 3
  "", // 4
  "## Action items", // 5
  "", // 6
  "<!--", // 7
  "- [ ] example inside the instructions", // 8
  "-->", // 9
  "- [x] Pay back the shortcut taken: review #101", // 10
  "- [X] Upper-case tick counts too", // 11
  "- [ ] Add an alert on checkout errors", // 12
  "  - [ ] Nested: page the payments rota", // 13
  "    - [x] Deeper nested, done", // 14
  "* [ ] Star bullet with a wrapped", // 15
  "  second line", // 16
  "1. [ ] Numbered item", // 17
  "- [ ]", // 18 (empty: ignored)
  "- plain bullet, no box", // 19
  "- [ ] Item with <!-- hidden note --> a comment", // 20
  "", // 21
  "```md", // 22
  "- [ ] inside a code fence", // 23
  "```", // 24
  "", // 25
  "### Owners", // 26 (a subheading stays inside the section)
  "", // 27
  "- [ ] Item under a subheading", // 28
  "", // 29
  "## Appendix", // 30
  "", // 31
  "- [ ] after the section", // 32
].join("\n");

describe("parseActionItems", () => {
  it("reads ticked and unticked items from the Action items section only", () => {
    expect(parseActionItems(edited)).toEqual([
      { text: "Pay back the shortcut taken: review #101", checked: true, line: 10 },
      { text: "Upper-case tick counts too", checked: true, line: 11 },
      { text: "Add an alert on checkout errors", checked: false, line: 12 },
      { text: "Nested: page the payments rota", checked: false, line: 13 },
      { text: "Deeper nested, done", checked: true, line: 14 },
      { text: "Star bullet with a wrapped second line", checked: false, line: 15 },
      { text: "Numbered item", checked: false, line: 17 },
      { text: "Item with  a comment", checked: false, line: 20 },
      { text: "Item under a subheading", checked: false, line: 28 },
    ]);
  });

  it("matches the heading loosely: any level, any case, trailing colon or hashes, CRLF", () => {
    const md = "Intro\r\n### ACTION ITEMS: ###\r\n- [ ] one\r\n- [x] two\r\n## Next\r\n- [ ] three";
    expect(parseActionItems(md)).toEqual([
      { text: "one", checked: false, line: 3 },
      { text: "two", checked: true, line: 4 },
    ]);
  });

  it("ends a top-level section at the next heading of the same level", () => {
    const md = "# Action items\n- [ ] a\n## Sub\n- [ ] b\n# Other\n- [ ] c";
    expect(parseActionItems(md).map((item) => item.text)).toEqual(["a", "b"]);
  });

  it("finds nothing without the section, or in a heading inside a code fence", () => {
    expect(parseActionItems("- [ ] loose item\n")).toEqual([]);
    expect(parseActionItems("```\n## Action items\n- [ ] x\n```\n- [ ] y")).toEqual([]);
    expect(parseActionItems("")).toEqual([]);
  });

  it("accepts another heading name for overridden templates", () => {
    expect(parseActionItems("## Follow-ups\n- [ ] a", "Follow-ups")).toEqual([
      { text: "a", checked: false, line: 2 },
    ]);
  });
});
