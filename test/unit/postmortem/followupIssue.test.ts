import { describe, expect, it } from "vitest";
import { parseMarker } from "../../../src/core/markers.js";
import {
  DEFAULT_FOLLOWUP_TEMPLATE,
  followupKey,
  renderFollowupIssue,
} from "../../../src/core/postmortem/followupIssue.js";
import { FOLLOWUP_TEMPLATE, richIncident } from "./fixtures.js";

const ctx = {
  incident: richIncident(),
  postmortemUrl: "https://github.com/acme/shop/pull/120",
  postmortemPr: 120,
};

describe("followupKey", () => {
  it("is a short hex key, stable across whitespace and case", () => {
    const key = followupKey("Add an alert on checkout errors");
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    expect(followupKey("  add AN alert\ton\n checkout   ERRORS ")).toBe(key);
  });

  it("ignores the escaping our renderer adds, so re-typed text keeps its key", () => {
    expect(followupKey("Ask @\u2060bob about &lt;b&gt; tags")).toBe(followupKey("ask @bob about <b> tags"));
  });

  it("tells different items apart", () => {
    expect(followupKey("Add an alert")).not.toBe(followupKey("Add a test"));
  });
});

describe("renderFollowupIssue", () => {
  it("exports the default template path", () => {
    expect(DEFAULT_FOLLOWUP_TEMPLATE).toBe("templates/followup-issue.md.mustache");
  });

  it("starts the body with the follow-up marker and links incident and post-mortem", () => {
    const { title, body } = renderFollowupIssue(
      FOLLOWUP_TEMPLATE,
      { text: "Add an alert on checkout errors" },
      ctx,
    );
    const key = followupKey("Add an alert on checkout errors");
    expect(body.startsWith(`<!-- expedite:followup incident=42 item=${key} -->\n`)).toBe(true);
    expect(parseMarker(body)).toEqual({ kind: "followup", data: { incident: "42", item: key } });
    expect(body).toContain("[#42](https://github.com/acme/shop/issues/42)");
    expect(body).toContain("[pull request #120](https://github.com/acme/shop/pull/120)");
    expect(body).toContain("> Add an alert on checkout errors");
    expect(body).not.toMatch(/undefined|null/);
    expect(title).toBe("Add an alert on checkout errors (incident #42)");
  });

  it("keeps the marker even when an overriding template leaves it out", () => {
    const { body } = renderFollowupIssue("Just: {{{itemInline}}}", { text: "Do the thing" }, ctx);
    expect(body).toBe(
      `<!-- expedite:followup incident=42 item=${followupKey("Do the thing")} -->\nJust: Do the thing\n`,
    );
  });

  it("escapes once, defuses mentions, and bounds the title", () => {
    const text = `Pay back the shortcut: “@\u2060ceo approved &lt;script&gt;” and ${"very ".repeat(60)}long`;
    const { title, body } = renderFollowupIssue(FOLLOWUP_TEMPLATE, { text }, ctx);
    expect(body).toContain("&lt;script&gt;");
    expect(body).not.toContain("&amp;lt;");
    expect(body).not.toMatch(/@(?=[A-Za-z0-9])|<script/);
    expect(title).not.toMatch(/@(?=[A-Za-z0-9])|\n/);
    expect(title).toContain("<script>"); // titles are plain text: shown as typed
    expect(Array.from(title.replace(/ \(incident #42\)$/, "")).length).toBeLessThanOrEqual(100);
    expect(title.endsWith("… (incident #42)")).toBe(true);
    const raw = renderFollowupIssue(FOLLOWUP_TEMPLATE, { text: "Ping @bob <!-- x -->" }, ctx).body;
    expect(raw).not.toMatch(/@(?=[A-Za-z0-9])/);
    expect(raw.match(/<!--/g)).toHaveLength(1);
  });
});
