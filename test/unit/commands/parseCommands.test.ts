import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../../src/core/commands/parseCommands.js";
import type { Command, ParsedLine } from "../../../src/core/commands/types.js";
import { AT, CTX, HOUR, MINUTE, ZONE } from "./fixtures.js";

function one(body: string): ParsedLine {
  const parsed = parseCommands(body, CTX);
  expect(parsed).toHaveLength(1);
  return parsed[0] as ParsedLine;
}

function command(body: string): Command {
  const parsed = one(body);
  if (!parsed.ok) throw new Error(`expected ${body} to parse, got: ${parsed.error}`);
  return parsed.command;
}

function refusal(body: string): { verb: string; error: string; usage: string } {
  const parsed = one(body);
  if (parsed.ok) throw new Error(`expected ${body} to be refused, got ${JSON.stringify(parsed.command)}`);
  return parsed;
}

const local = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

describe("parseCommands: what counts as a command", () => {
  it.each([
    ["plain prose", "The site is down"],
    ["a path", "/usr/bin is broken"],
    ["a path without spaces", "/path/to"],
    ["a command inside a list item", "- /ack"],
    ["inline code", "`/ack` is how you acknowledge"],
    ["an escaped slash", "\\/ack"],
    ["a quoted reply", "> /ack on it"],
    ["a nested quote", ">> /resolve Known bug, card #987"],
    ["a digit after the slash", "/123"],
    ["a verb glued to other characters", "/ack2"],
    ["an HTML comment", "<!-- /ack -->"],
    ["empty", ""],
  ])("ignores %s", (_name, body) => {
    expect(parseCommands(body, CTX)).toEqual([]);
  });

  it("ignores commands inside backtick and tilde fences, and resumes after them", () => {
    const body = ["```", "/ack", "```", "~~~~ text", "/sev 1", "```", "/sev 2", "~~~~", "/sev 3"].join("\n");
    expect(parseCommands(body, CTX)).toEqual([
      { line: 9, source: "/sev 3", ok: true, command: { verb: "sev", severity: 3 } },
    ]);
  });

  it("treats an unclosed fence as code to the end", () => {
    expect(parseCommands("/ack\n```\n/sev 1\n/sev 2", CTX).map((p) => p.line)).toEqual([1]);
  });

  it("does not mistake inline triple backticks for a fence", () => {
    expect(parseCommands("```x``` inline\n/ack", CTX).map((p) => p.line)).toEqual([2]);
  });

  it("ignores commands inside multi-line HTML comments and strips inline ones", () => {
    const body = ["<!--", "/ack", "-->", "/note shown <!-- hidden --> too", "<!-- open", "/sev 1"].join("\n");
    expect(parseCommands(body, CTX)).toEqual([
      { line: 4, source: "/note shown  too", ok: true, command: { verb: "note", text: "shown  too" } },
    ]);
  });

  it("reads several commands, one per line, with their line numbers", () => {
    const parsed = parseCommands("Taking this.\r\n/ack\r\n\r\n  /sev 2  \n/lead me", CTX);
    expect(parsed.map((p) => [p.line, p.ok && p.command.verb])).toEqual([
      [2, "ack"],
      [4, "sev"],
      [5, "lead"],
    ]);
    expect(parsed[1]?.source).toBe("/sev 2");
  });

  it("is case-insensitive about verbs and accepts light punctuation after a known verb", () => {
    expect(command("/ACK")).toEqual({ verb: "ack" });
    expect(command("/Sev 2")).toEqual({ verb: "sev", severity: 2 });
    expect(command("/ack, on it")).toEqual({ verb: "ack", text: "on it" });
    expect(command("/sev: 2")).toEqual({ verb: "sev", severity: 2 });
  });

  it("accepts aliases", () => {
    expect(command("/acknowledge")).toEqual({ verb: "ack" });
    expect(command("/severity 3")).toEqual({ verb: "sev", severity: 3 });
    expect(command("/communicator @hubot")).toEqual({ verb: "comms", user: "hubot" });
    expect(command("/workaround drained node 3")).toEqual({ verb: "mitigate", text: "drained node 3" });
  });

  it("refuses unknown verbs with the closest known one", () => {
    const foo = refusal("/foo");
    expect(foo.verb).toBe("foo");
    expect(foo.error).toMatch(/`\/foo` is not a command I know/);
    expect(foo.error).toMatch(/\/help/);
    expect(refusal("/resolv it").error).toMatch(/Did you mean `\/resolve`\?/);
    expect(refusal("/mitgate x").error).toMatch(/`\/mitigate`/);
    expect(refusal("/cak").error).toMatch(/`\/ack`/);
    expect(refusal("/freeze-exeption x").error).toMatch(/`\/freeze-exception`/);
    expect(refusal("/resolved fine").usage).toMatch(/^Type `\/resolve/);
  });
});

describe("parseCommands: each verb", () => {
  it("/ack with and without text", () => {
    expect(command("/ack")).toEqual({ verb: "ack" });
    expect(command("/ack   on it, looking at the DB  ")).toEqual({
      verb: "ack",
      text: "on it, looking at the DB",
    });
  });

  it.each([
    ["/lead @alice", "alice"],
    ["/lead alice", "alice"],
    ["/lead @Alice-Smith taking over from bob", "Alice-Smith"],
    ["/lead me", "me"],
    ["/lead ME", "me"],
    ["/lead @me", "me"],
    ["/lead", "me"],
    ["/lead @alice.", "alice"],
  ])("%s", (body, user) => {
    expect(command(body)).toEqual({ verb: "lead", user });
  });

  it("ignores invisible characters pasted from the bot's own replies", () => {
    expect(command("/lead @\u2060alice")).toEqual({ verb: "lead", user: "alice" });
    expect(command("\uFEFF/ack")).toEqual({ verb: "ack" });
  });

  it("/comms like /lead", () => {
    expect(command("/comms @bob")).toEqual({ verb: "comms", user: "bob" });
    expect(command("/comms")).toEqual({ verb: "comms", user: "me" });
  });

  it.each([
    ["/lead @my-org/oncall", /is a team/],
    ["/lead @-bad", /not a GitHub username/],
    ["/comms @" + "a".repeat(40), /not a GitHub username/],
  ])("refuses %s", (body, error) => {
    expect(refusal(body).error).toMatch(error);
  });

  it("/role validates the role against the configuration", () => {
    expect(command("/role investigator @bob")).toEqual({ verb: "role", role: "investigator", user: "bob" });
    expect(command("/role Fixer @bob")).toEqual({ verb: "role", role: "fixer", user: "bob" });
    expect(command("/role @bob product-owner")).toEqual({ verb: "role", role: "product-owner", user: "bob" });
    expect(command("/role fixer")).toEqual({ verb: "role", role: "fixer", user: "me" });
    expect(command("/role lead @bob")).toEqual({ verb: "lead", user: "bob" });
    expect(command("/role comms @bob")).toEqual({ verb: "comms", user: "bob" });
    const unknown = refusal("/role wizard @bob");
    expect(unknown.error).toMatch(/`wizard` is not a role here/);
    expect(unknown.error).toMatch(/`investigator`, `fixer`, `product-owner`/);
    expect(refusal("/role").error).toMatch(/Say which role/);
    expect(refusal("/role @bob").error).toMatch(/Say which role/);
    expect(parseCommands("/role fixer @bob", { ...CTX, roles: [] })[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/none are configured/),
    });
  });

  it.each([
    ["/sev 1", 1],
    ["/sev sev2", 2],
    ["/sev SEV-3", 3],
    ["/sev s4", 4],
    ["/sev sev 2", 2],
    ["/sev sev:1", 1],
    ["/sev1", 1],
    ["/SEV-2", 2],
    ["/sev 2 downgraded, workaround in place", 2],
  ])("%s", (body, severity) => {
    expect(command(body)).toEqual({ verb: "sev", severity });
  });

  it.each([
    ["/sev", /Which severity/],
    ["/sev 0", /no severity 0/],
    ["/sev 5", /no severity 5/],
    ["/sev5", /no severity 5/],
    ["/sev high", /`high` is not a severity/],
  ])("refuses %s", (body, error) => {
    const refused = refusal(body);
    expect(refused.error).toMatch(error);
    expect(refused.usage).toMatch(/`\/sev 2`/);
  });

  it.each([
    ["/impact revenue", true],
    ["/impact yes", true],
    ["/impact Revenue, checkout is failing", true],
    ["/impact none", false],
    ["/impact no", false],
  ])("%s", (body, revenue) => {
    expect(command(body)).toEqual({ verb: "impact", revenue });
  });

  it("refuses /impact without a clear answer", () => {
    expect(refusal("/impact").error).toMatch(/`revenue` or `none`/);
    expect(refusal("/impact maybe").error).toMatch(/`maybe` is not an impact/);
  });

  it.each([
    ["/update Failover done", { text: "Failover done" }],
    ["/update Failover done next 30m", { text: "Failover done", nextMs: 30 * MINUTE }],
    ["/update Failover done, next: 1h", { text: "Failover done", nextMs: HOUR }],
    ["/update Failover done (next 45 min)", { text: "Failover done", nextMs: 45 * MINUTE }],
    ["/update Failover done [next 1h30m].", { text: "Failover done", nextMs: 90 * MINUTE }],
    ["/update Failover done. Next update in 2 hours", { text: "Failover done.", nextMs: 2 * HOUR }],
    ["/update Failover done — next at 11:30", { text: "Failover done", nextMs: 90 * MINUTE }],
    ["/update Will pick the next candidate", { text: "Will pick the next candidate" }],
    ["/update Rolling out next week", { text: "Rolling out next week" }],
  ])("%s", (body, expected) => {
    expect(command(body)).toEqual({ verb: "update", ...expected });
  });

  it("/update takes the rest of its paragraph", () => {
    expect(command("/update Failover done (next 30m)\nReplication is catching up.")).toEqual({
      verb: "update",
      text: "Failover done\nReplication is catching up.",
      nextMs: 30 * MINUTE,
    });
    expect(command("/update\nFailover done.\nnext 30m")).toEqual({
      verb: "update",
      text: "Failover done.",
      nextMs: 30 * MINUTE,
    });
  });

  it.each([
    ["/update", /needs to say what changed/],
    ["/update next 30m", /needs to say what changed/],
    ["/update Failover done (next soon)", /couldn't read `next soon\)` as the time of the next update/],
    ["/update Failover done next: whenever", /couldn't read/],
  ])("refuses %s", (body, error) => {
    expect(refusal(body).error).toMatch(error);
  });

  it.each([
    ["mitigate", /workaround/],
    ["note", /needs some text/],
    ["deviation", /which step/],
    ["cancel", /why this is not an incident/],
    ["freeze-exception", /why this change has to merge/],
  ])("/%s needs text", (verb, error) => {
    const refused = refusal(`/${verb}`);
    expect(refused.error).toMatch(error);
    expect(refused.usage).toContain(`/${verb}`);
    const parsed = command(`/${verb} something real happened`);
    expect(parsed).toMatchObject({ verb });
  });

  it("text verbs keep the text and its following lines up to a blank line", () => {
    expect(command("/note Support says mobile too\nand the web app")).toEqual({
      verb: "note",
      text: "Support says mobile too\nand the web app",
    });
    const parsed = parseCommands("/note first\n\nnot part of it\n/note second\n/sev 2", CTX);
    expect(parsed.map((p) => p.ok && p.command)).toEqual([
      { verb: "note", text: "first" },
      { verb: "note", text: "second" },
      { verb: "sev", severity: 2 },
    ]);
    // A quoted line is not part of the paragraph, so it cannot supply the missing text.
    expect(refusal("/cancel\n> false alarm").error).toMatch(/Say why/);
  });

  it("/mitigate, /deviation, /cancel, /freeze-exception, /unfreeze", () => {
    expect(command("/mitigate Routed traffic to eu-west")).toEqual({
      verb: "mitigate",
      text: "Routed traffic to eu-west",
    });
    expect(command("/deviation Skipped review")).toEqual({ verb: "deviation", text: "Skipped review" });
    expect(command("/cancel, staging alert")).toEqual({ verb: "cancel", text: "staging alert" });
    expect(command("/freeze-exception Fix for #12")).toEqual({
      verb: "freeze-exception",
      reason: "Fix for #12",
    });
    expect(command("/unfreeze")).toEqual({ verb: "unfreeze" });
    expect(command("/unfreeze shipped")).toEqual({ verb: "unfreeze", reason: "shipped" });
  });

  it("/resolve accepts real resolutions and refuses empty ones with the reason", () => {
    expect(command("/resolve Known bug, card #987")).toEqual({
      verb: "resolve",
      text: "Known bug, card #987",
    });
    expect(
      command(
        "/resolve\nRestarted the unicorn workers after a stack overflow; metrics are back to normal;\nfix scheduled next sprint",
      ),
    ).toMatchObject({ verb: "resolve" });
    for (const bad of [
      "/resolve",
      "/resolve ...",
      "/resolve fixed",
      "/resolve Well, that sucked.",
      "/resolve 👍",
    ]) {
      const refused = refusal(bad);
      expect(refused.error).toMatch(/what was wrong/);
      expect(refused.usage).toMatch(/^Type `\/resolve/);
    }
  });

  it("/mitigate gets the same content check as /resolve (issue 18)", () => {
    expect(command("/mitigate Failed over to the standby region")).toEqual({
      verb: "mitigate",
      text: "Failed over to the standby region",
    });
    for (const bad of [
      "/mitigate",
      "/mitigate ...",
      "/mitigate done",
      "/mitigate Workaround in place.",
      "/mitigate 👍",
    ]) {
      const refused = refusal(bad);
      expect(refused.error).toMatch(/workaround/);
      expect(refused.usage).toMatch(/^Type `\/mitigate/);
    }
  });

  it.each([
    ["/started 14:30", "2026-11-21T14:30"],
    ["/started 09:15", "2026-11-22T09:15"],
    ["/started yesterday 23:10", "2026-11-21T23:10"],
    ["/started at 2026-11-20 08:00", "2026-11-20T08:00"],
    ["/started 45m ago", "2026-11-22T09:15"],
    ["/started 2 hours ago when the deploy went out", "2026-11-22T08:00"],
    ["/started friday 17:00", "2026-11-20T17:00"],
    ["/started now", "2026-11-22T10:00"],
  ])("%s", (body, iso) => {
    expect(command(body)).toEqual({ verb: "started", at: local(iso) });
  });

  it("/started refuses the future and unreadable times", () => {
    expect(refusal("/started tomorrow 09:00").error).toMatch(/is in the future/);
    expect(refusal("/started in 2h").error).toMatch(/is in the future/);
    expect(refusal("/started").error).toMatch(/No time given/);
    expect(refusal("/started teatime").error).toMatch(/`teatime`/);
    // A few seconds ahead is clock skew; it is clamped to the comment time.
    expect(command("/started 2026-11-22T15:00:30Z")).toEqual({ verb: "started", at: AT });
  });

  it.each([
    [
      "/freeze until monday 08:00 Office closed for the holidays",
      { until: local("2026-11-23T08:00"), reason: "Office closed for the holidays" },
    ],
    ["/freeze 2026-12-28 Holiday closure", { until: local("2026-12-28T00:00"), reason: "Holiday closure" }],
    [
      "/freeze for 3d release stabilisation",
      { until: local("2026-11-25T10:00"), reason: "release stabilisation" },
    ],
    ["/freeze in 2h - cutting the release", { until: AT + 2 * HOUR, reason: "cutting the release" }],
    ["/freeze 09:00 overnight batch", { until: local("2026-11-23T09:00"), reason: "overnight batch" }],
    [
      "/freeze tomorrow 18:00 Black Friday branches: main, release/*",
      { until: local("2026-11-23T18:00"), reason: "Black Friday", branches: ["main", "release/*"] },
    ],
    [
      "/freeze 3d Sale weekend (branch: main)",
      { until: local("2026-11-25T10:00"), reason: "Sale weekend", branches: ["main"] },
    ],
    [
      "/freeze 3d\nA longer reason\nover two lines",
      { until: local("2026-11-25T10:00"), reason: "A longer reason\nover two lines" },
    ],
  ])("%s", (body, expected) => {
    expect(command(body)).toEqual({ verb: "freeze", ...expected });
  });

  it.each([
    ["/freeze", /Say until when/],
    ["/freeze 3d", /Say why merges are frozen/],
    ["/freeze holiday closure", /Until when\?.*`holiday/],
    ["/freeze 2026-01-01 too late", /has already passed/],
    ["/freeze 3d sale branches:", /needs at least one branch/],
    ["/freeze 3d sale branches: main, <bad>", /`<bad>` is not a branch/],
    // Issue 18: the impossible part is named, not the first word of the reason.
    [
      "/freeze 2026-13-40 reason",
      /Until when\? `2026-13-40` is not a day on the calendar: there is no month 13/,
    ],
    ["/freeze 2026-02-30 stocktake", /February 2026 has 28 days, not 30/],
    ["/freeze friday 25:00 release", /`25:00` is not a time of day/],
  ])("refuses %s", (body, error) => {
    expect(refusal(body).error).toMatch(error);
  });

  it("/help ignores anything after it", () => {
    expect(command("/help")).toEqual({ verb: "help" });
    expect(command("/help me please")).toEqual({ verb: "help" });
  });
});

describe("parseCommands: refusals", () => {
  it("keep each error and usage short and specific", () => {
    const body = [
      "/foo",
      "/sev 9",
      "/impact perhaps",
      "/update",
      "/resolve done",
      "/started tomorrow 10:00",
      "/freeze 3d",
      "/lead @org/team",
    ].join("\n");
    for (const parsed of parseCommands(body, CTX)) {
      if (parsed.ok) throw new Error(`unexpectedly accepted ${parsed.source}`);
      expect(parsed.error.length).toBeGreaterThan(10);
      expect(parsed.error.length).toBeLessThan(400);
      expect(parsed.usage).toMatch(/^Type `\/[a-z-]+.*`, for example `\/[a-z-]+.*`\.$/);
    }
  });

  it("echo what was typed only inside inline code, so mentions and HTML stay inert", () => {
    const refused = refusal("/impact @everyone`<img>");
    // The typed backtick is kept, and the fence is longer than it, so it cannot close the span early.
    expect(refused.error).toContain("``@everyone`<img>``");
  });
});
