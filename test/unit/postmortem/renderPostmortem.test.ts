import { describe, expect, it } from "vitest";
import { parseActionItems } from "../../../src/core/postmortem/actionItems.js";
import { postmortemView } from "../../../src/core/postmortem/postmortemView.js";
import {
  DEFAULT_POSTMORTEM_TEMPLATE,
  renderPostmortem,
} from "../../../src/core/postmortem/renderPostmortem.js";
import { formatTime } from "../../../src/core/time/formatTime.js";
import { POSTMORTEM_TEMPLATE, config, minimalIncident, richIncident, t } from "./fixtures.js";
import { checkMermaidGantt, extractMermaid } from "./mermaidCheck.js";

const ZONE = "America/New_York";
const incident = richIncident();
const ctx = {
  now: t("2026-11-25T10:00:00Z"),
  repoUrl: "https://github.com/acme/shop/",
  ackDeadline: { dueAt: incident.declaredAt + 15 * 60_000, met: false },
  escalations: [
    {
      key: "revenue:0",
      at: incident.declaredAt + 30 * 60_000,
      notify: ["@tech-leads"],
      note: "No workaround: tech lead",
    },
  ],
};
const doc = renderPostmortem(POSTMORTEM_TEMPLATE, incident, config, ctx);

/** The text of one "## " section, up to the next "## ". */
function section(heading: string, markdown = doc): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThan(-1);
  const next = markdown.indexOf("\n## ", start + 4);
  return markdown.slice(start, next === -1 ? undefined : next);
}

/** The value cell of a two-column table row whose label contains `label`. */
function row(text: string, label: string): string {
  const line = text.split("\n").find((l) => l.startsWith("|") && l.includes(label));
  expect(line, `row "${label}"`).toBeDefined();
  const cells = (line as string).split(/(?<!\\)\|/).map((c) => c.trim());
  return cells[cells.length - 2] ?? "";
}

describe("renderPostmortem: a worked incident", () => {
  it("exports the default template path", () => {
    expect(DEFAULT_POSTMORTEM_TEMPLATE).toBe("templates/postmortem.md.mustache");
  });

  it("has every section, in order", () => {
    const headings = doc.split("\n").filter((l) => /^##? /.test(l));
    expect(headings).toEqual([
      expect.stringMatching(/^# Post-mortem: Checkout fails for café bookings/),
      "## Summary",
      "## Impact",
      "## Detection",
      "## Timeline",
      "## Key durations",
      "## Roles",
      "## Workaround and resolution",
      "## Status updates posted",
      "## Process deviations",
      "## Freeze exceptions",
      "## Pull requests",
      "## Phase chart",
      "## Contributing factors",
      "## What went well",
      "## What went badly",
      "## Where we got lucky",
      "## What customers and support heard, and when",
      "## The response and the playbook",
      "## Action items",
    ]);
  });

  it("reflects on the response and the playbook itself, starting from what the record says (issue 18)", () => {
    const text = section("The response and the playbook");
    expect(text).toContain("- Acknowledgement: **Missed** by 10m");
    expect(text).toContain(
      "- Status updates: 3 updates posted, 1 saying when the next would come; 0 reminders",
    );
    expect(text).toContain("- Escalation: 1 step fired.");
    expect(text).toContain("- Shortcuts recorded with `/deviation`: 2.");
    expect(text).toMatch(/Could this post-mortem itself be done better\?/);
    expect(text).toMatch(/`\.github\/expedite\.yml`/);
  });

  it("starts with the post-mortem marker and strips the [Incident] tag from the title", () => {
    expect(doc.startsWith("<!-- expedite:postmortem incident=42 -->\n# Post-mortem: Checkout")).toBe(true);
    expect(doc).toContain("[#42](https://github.com/acme/shop/issues/42)");
  });

  it("quotes the summary from the form, escaped", () => {
    const text = section("Summary");
    expect(text).toContain("> Card payments fail at checkout with a 500.");
    expect(text).toContain("> &lt;img src=x onerror=alert(1)&gt;");
  });

  it("fills the impact table", () => {
    const text = section("Impact");
    expect(row(text, "Applications impacted")).toBe("checkout, payments-api");
    expect(row(text, "Business / customer impact")).toBe(
      "No bookings can be paid by card \\| roughly 30% of revenue",
    );
    expect(row(text, "Revenue affected")).toBe("Yes");
    expect(row(text, "Started")).toBe("2026-11-24 13:25 UTC (08:25 EST)");
    expect(row(text, "Start as reported")).toBe("about 08:25 local");
    expect(row(text, "Ended")).toBe("2026-11-24 17:05 UTC (12:05 EST)");
    expect(row(text, "Total duration")).toBe("3h 40m");
  });

  it("records detection: who declared, when, and the evidence", () => {
    const text = section("Detection");
    expect(row(text, "Declared by")).toBe("@\u2060alice");
    expect(row(text, "Declared at")).toBe("2026-11-24 14:05 UTC (09:05 EST)");
    expect(row(text, "Problem began")).toContain("from the form");
    expect(text).toContain("> Bugsnag spike: https://bugsnag.example/errors/1");
    expect(text).toContain("> Call centre reports since 08:30");
    expect(text).toContain("> 2. Pay by card");
  });

  it("lists every timeline entry with UTC and team-zone times, folding nothing", () => {
    const text = section("Timeline");
    const rows = text.split("\n").filter((l) => /^\| \d{4}-/.test(l));
    expect(rows).toHaveLength(incident.timeline.length);
    for (const entry of incident.timeline) {
      expect(text).toContain(`| ${formatTime(entry.at, ZONE)} |`);
    }
    expect(text).toContain(
      "| 2026-11-24 14:05 UTC (09:05 EST) | declared | @\u2060alice | Declared with the incident form",
    );
    expect(text).toContain("| deadline missed | Expedite | Acknowledgement deadline missed |");
    expect(text).toContain("Workaround live &lt;b&gt;bold&lt;/b&gt; \\| pipe");
  });

  it("computes the key durations and the acknowledgement deadline", () => {
    const text = section("Key durations");
    expect(row(text, "Time to declare")).toBe("40m");
    expect(row(text, "Time to acknowledge")).toBe("25m");
    expect(row(text, "Acknowledgement deadline")).toBe(
      "**Missed** by 10m (due by 2026-11-24 14:20 UTC (09:20 EST))",
    );
    expect(row(text, "Time to mitigate")).toBe("1h 50m");
    expect(row(text, "Time to resolve")).toBe("3h 40m");
    expect(row(text, "Declared → resolved")).toBe("3h");
    expect(text).toContain(
      "| 2026-11-24 14:35 UTC (09:35 EST) | step 1 of 3 on the revenue ladder, 30m from the report | @\u2060tech-leads | No workaround: tech lead |",
    );
    // Issue 18: the marker key a notice remembers its step by is never shown.
    expect(text).not.toContain("revenue:0");
  });

  it("falls back to posted notices when the caller has no clock details", () => {
    const fallback = renderPostmortem(POSTMORTEM_TEMPLATE, incident, config, { now: ctx.now, repoUrl: "" });
    const text = section("Key durations", fallback);
    expect(row(text, "Acknowledgement deadline")).toBe(
      "**Missed** (a breach notice was posted at 2026-11-24 14:20 UTC (09:20 EST))",
    );
    expect(text).toContain(
      "| 2026-11-24 14:35 UTC (09:35 EST) | step 1 of 3 on the revenue ladder, 30m from the report | _not recorded_ |",
    );
  });

  it("names the roles, extra roles included", () => {
    const text = section("Roles");
    expect(row(text, "Lead")).toBe("@\u2060bob");
    expect(row(text, "Communicator")).toBe("@\u2060carol");
    expect(row(text, "Investigator")).toBe("@\u2060dave, @\u2060erin");
    expect(row(text, "Fixer")).toBe("@\u2060frank");
    expect(text).not.toContain("Tester");
  });

  it("quotes the workaround and the resolution with who and when", () => {
    const text = section("Workaround and resolution");
    expect(text).toContain("> Routed payments to the backup provider, ping @\u2060payments-team");
    expect(text).toContain(
      "> Reverted the currency rounding change (#101) and redeployed.\n> Verified error rate",
    );
    expect(text).toContain("Recorded by @\u2060frank at 2026-11-24 17:05 UTC (12:05 EST).");
  });

  it("lists the status updates with the promised next update", () => {
    const text = section("Status updates posted");
    const items = text.split("\n").filter((l) => l.startsWith("- "));
    expect(items).toHaveLength(3);
    expect(items[0]).toContain("@\u2060carol: Investigating; card payments fail. cc @\u2060acme/support");
    expect(items[0]).toContain("next update promised by 2026-11-24 15:05 UTC (10:05 EST)");
  });

  it("lists each deviation with who, when and why", () => {
    const text = section("Process deviations");
    expect(text).toContain("**2026-11-24 15:05 UTC (10:05 EST)**, recorded by @\u2060frank:");
    expect(text).toContain(
      "> Skipped code review on #101 revert: &lt;!-- sneaky --&gt; speed of fix, nobody awake",
    );
    expect(text).toContain("**2026-11-24 15:10 UTC (10:10 EST)**, recorded by @\u2060bob:");
    expect(text).toContain("> Deployed outside the release train; @\u2060ceo approved");
  });

  it("lists freeze exceptions, granted and refused", () => {
    const text = section("Freeze exceptions");
    expect(text).toContain(
      "| [#101](https://github.com/acme/shop/pull/101) | [`abcdef1`](https://github.com/acme/shop/commit/abcdef1234567890) | @\u2060bob |",
    );
    expect(text).toMatch(/Revert of the cause \| granted \|/);
    expect(text).toMatch(/Unrelated feature \| refused \|/);
  });

  it("links the pull requests and flags the revert, with no column left empty", () => {
    const text = section("Pull requests");
    expect(text).toContain("| Pull request | Title | State | Merged |\n|---|---|---|---|\n");
    expect(text).toContain(
      '| [#101](https://github.com/acme/shop/pull/101) | Revert "Round currency to 2dp" | merged (⚠️ a revert) | 2026-11-24 15:35 UTC (10:35 EST) |',
    );
    expect(text).toContain(
      "| [#102](https://github.com/acme/shop/pull/102) | Add regression test for rounding [wip] | open | — |\n",
    );
    // Issue 18: a header or cell with nothing in it says nothing.
    for (const row of text.split("\n").filter((line) => line.startsWith("|")))
      expect(
        row
          .split("|")
          .slice(1, -1)
          .every((cell) => cell.trim() !== ""),
      ).toBe(true);
  });

  it("draws a well-formed Mermaid phase chart in the team zone", () => {
    const gantt = checkMermaidGantt(extractMermaid(section("Phase chart")));
    expect(gantt.title).toContain("Incident 42");
    expect(
      gantt.tasks.filter((task) => task.tags.includes("milestone")).map((task) => [task.label, task.start]),
    ).toEqual([
      ["Problem began", "2026-11-24 08:25:00"],
      ["Declared", "2026-11-24 09:05:00"],
      ["Acknowledged", "2026-11-24 09:30:00"],
      ["Mitigated", "2026-11-24 10:15:00"],
      ["Resolved", "2026-11-24 12:05:00"],
    ]);
    expect(gantt.tasks.filter((task) => !task.tags.includes("milestone"))).toHaveLength(4);
  });

  it("leaves the written sections to people, each with a prompt", () => {
    for (const heading of [
      "Contributing factors",
      "What went well",
      "What went badly",
      "Where we got lucky",
      "What customers and support heard, and when",
    ]) {
      expect(section(heading)).toMatch(/\n_[^_]+_\n/);
    }
  });

  it("seeds action items that parse back from the document", () => {
    const items = parseActionItems(doc);
    const view = postmortemView(incident, config, ctx) as { actionItems: Array<{ text: string }> };
    expect(items.map((item) => item.text)).toEqual(view.actionItems.map((item) => item.text));
    expect(items.every((item) => !item.checked)).toBe(true);
    const lines = doc.split("\n");
    for (const item of items) expect(lines[item.line - 1]).toBe(`- [ ] ${item.text}`);
    const texts = items.map((item) => item.text);
    expect(texts).toContain(
      "Pay back the shortcut taken: “Skipped code review on #101 revert: &lt;!-- sneaky --&gt; speed of fix, nobody awake”",
    );
    expect(texts).toContain(
      "Pay back the shortcut taken: “Deployed outside the release train; @\u2060ceo approved”",
    );
    expect(texts.some((text) => text.startsWith("Investigate what the revert in #101"))).toBe(true);
    expect(texts.some((text) => text.startsWith("Land or close #102"))).toBe(true);
    expect(texts).toContain("Give #101, merged under a freeze exception, the full review it skipped");
    expect(texts).toContain(
      "Review on-call alerting and the rota: the acknowledgement came 10m after the deadline",
    );
    expect(texts).toContain("Find out why it took 40m to notice the problem, and alert on it sooner");
    expect(section("Action items")).toContain(
      "every unticked item becomes a follow-up issue labelled\n**incident-followup**",
    );
  });

  it("lets no user text ping anyone or break out of the markdown", () => {
    expect(doc).not.toMatch(/@(?=[A-Za-z0-9])/);
    expect(doc).not.toMatch(/<script|<img|<\/table|<b>/i);
    // The only comments are the template's own: the marker and the action-item instructions.
    expect(doc.match(/<!--/g)).toHaveLength(2);
    expect(doc.match(/-->/g)).toHaveLength(2);
    expect(doc).not.toMatch(/undefined|null|NaN|Invalid DateTime/);
  });
});

describe("renderPostmortem: a bare incident", () => {
  const bare = renderPostmortem(POSTMORTEM_TEMPLATE, minimalIncident(), config, {
    now: ctx.now,
    repoUrl: "",
  });

  it("renders every section with visible gaps and nothing undefined", () => {
    expect(bare).not.toMatch(/undefined|null|NaN|Invalid DateTime|\[object Object\]/);
    expect(bare).toContain("# Post-mortem: 🔥🔥🔥");
    expect(section("Summary", bare)).toContain("_not recorded_");
    expect(row(section("Impact", bare), "Applications impacted")).toBe("_not recorded_");
    expect(row(section("Impact", bare), "Ended")).toBe("_not recorded_ (still open when this was written)");
    expect(row(section("Detection", bare), "Declared by")).toBe("_not recorded_");
    expect(section("Timeline", bare)).toContain("\n_not recorded_\n");
    expect(row(section("Key durations", bare), "Time to declare")).toBe(
      "_not recorded_ (no earlier start was reported)",
    );
    expect(row(section("Key durations", bare), "Time to acknowledge")).toBe("_not recorded_");
    expect(section("Key durations", bare)).toContain("No escalation step fired.");
    expect(row(section("Roles", bare), "Lead")).toBe("_not recorded_");
    expect(section("Workaround and resolution", bare).match(/_not recorded_/g)).toHaveLength(2);
    expect(section("Status updates posted", bare)).toContain("_not recorded_: no status update was posted.");
    expect(section("Pull requests", bare)).toContain("_not recorded_");
    expect(row(section("Impact", bare), "Revenue affected")).toBe("No (_not recorded_ on the form)");
  });

  it("still draws a chart and seeds the one relevant action item", () => {
    const gantt = checkMermaidGantt(extractMermaid(bare));
    expect(gantt.tasks.map((task) => task.label)).toEqual(["Declared"]);
    expect(parseActionItems(bare).map((item) => item.text)).toEqual([
      "Agree how and when status updates go out: none were recorded during this incident",
    ]);
  });
});
