import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, formBody, minutes, comment, openIncident, SEV1, SEV2 } from "../harness/index.js";
import type { Mode } from "../harness/index.js";

// Issue 18, "what a responder meets": what people type is kept, internal ids never show, one severity
// spelling, impossible dates named, one rule for who leads. Checked end to end in both modes.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const assignees = (w: World, number: number) => [...(w.sim.issue(FULL, number)?.assignees ?? [])].sort();
/** The bot's reply to one comment (one per comment, keyed by its id). */
const replyTo = (w: World, number: number, commentId: number) =>
  w.botComments(number).filter((c) => c.body.startsWith(`<!-- expedite:reply comment=${commentId} `));
const plusOnes = (w: World, number: number, commentId: number) =>
  w.sim
    .comments(FULL, number)
    .find((c) => c.id === commentId)
    ?.reactions.filter((r) => r.user === w.bot && r.content === "+1").length;
function row(board: string, label: string): string | undefined {
  return new RegExp(`^\\| \\*\\*${label}\\*\\* \\| (.*) \\|$`, "m").exec(board)?.[1];
}

describe.each<Mode>(["app", "action"])("who leads (%s mode)", (mode) => {
  it("/ack keeps its words and leaves the on-call engineer leading; /lead hands over and unassigns the previous lead", async () => {
    world = await World.start({ mode, config: { oncall: { primary: "erin" } } });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Search is slow",
      formBody({ Summary: "Search takes 10 s", Severity: SEV2, "Revenue affected": "No" }),
    );
    await w.settle();
    expect(assignees(w, number)).toEqual(["erin"]);

    // bob acknowledges: the on-call engineer already leads, so bob does not take it from her.
    w.clock.advance(minutes(3));
    await comment(w, "bob", number, "/ack checking the gateway logs");
    await w.settle();
    expect(w.labels(number)).toContain("incident:acknowledged");
    expect(assignees(w, number)).toEqual(["erin"]);
    let board = w.board(number)!;
    expect(row(board, "Lead")).toBe("**erin**");
    expect(board).toMatch(/\| bob \| acknowledged: checking the gateway logs \|/);
    expect(board).not.toMatch(/acknowledged: on it/);

    // A second /ack with words is kept too.
    await comment(w, "frank", number, "/ack looking at the database side");
    await w.settle();
    expect(w.board(number)).toMatch(/\| frank \| on it: looking at the database side \|/);

    // alice hands the lead to bob: erin is unassigned, one lead is assigned.
    w.clock.advance(minutes(2));
    await comment(w, "alice", number, "/lead @bob");
    await w.settle();
    expect(assignees(w, number)).toEqual(["bob"]);
    board = w.board(number)!;
    expect(row(board, "Lead")).toBe("**bob**");
    expect(board).toMatch(/\| alice \| bob leads, taking over from erin \|/);

    // Nothing more to do: a sweep writes no assignment either way.
    w.sim.clearLog();
    await w.sweep();
    expect(w.sim.writes().filter((r) => r.path.includes("/assignees"))).toEqual([]);

    // Someone assigns erin again by hand to help: she is wanted, not unassigned again, and bob still leads.
    await w.as("alice").rest.issues.addAssignees({
      owner: "acme",
      repo: "shop",
      issue_number: number,
      assignees: ["erin"],
    });
    await w.settle();
    await w.sweep();
    expect(assignees(w, number)).toEqual(["bob", "erin"]);
    expect(row(w.board(number)!, "Lead")).toBe("**bob**");
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("without an on-call engineer, /ack makes you lead, and a later /ack by someone else does not", async () => {
    world = await World.start({ mode });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Search is slow",
      formBody({ Summary: "Search takes 10 s", Severity: SEV2, "Revenue affected": "No" }),
    );
    await w.settle();
    expect(assignees(w, number)).toEqual([]);
    await comment(w, "bob", number, "/ack");
    await w.settle();
    await comment(w, "frank", number, "/ack me too");
    await w.settle();
    expect(assignees(w, number)).toEqual(["bob"]);
    expect(row(w.board(number)!, "Lead")).toBe("**bob**");
    expect(w.board(number)).toMatch(/\| bob \| acknowledged: on it \|/);
  });
});

describe.each<Mode>(["app", "action"])("the journal (%s mode)", (mode) => {
  it("/mitigate needs a real workaround; /update without `next` is accepted with one nudge; the current status says when the next update comes", async () => {
    world = await World.start({
      mode,
      config: { oncall: { primary: "erin" }, severity: { postmortem: [] } },
    });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "Checkout 500s", Severity: SEV2, "Revenue affected": "Yes" }),
    );
    await w.settle();
    // Before any update, the stakeholder table already says when one is due (SEV2: within the hour).
    expect(row(w.board(number)!, "Current status")).toBe(
      "Investigating; no update posted yet — next update due by 2026-11-17 16:00 UTC (11:00 EST)",
    );

    const done = await comment(w, "bob", number, "/mitigate done");
    await w.settle();
    expect(w.labels(number)).not.toContain("incident:mitigated");
    const refusal = replyTo(w, number, done);
    expect(refusal).toHaveLength(1);
    expect(refusal[0]?.body).toMatch(
      /I did not run `\/mitigate done`: `done` does not say what the workaround is/,
    );

    w.clock.advance(minutes(5));
    const bare = await comment(w, "bob", number, "/update Failing over to the backup gateway");
    await w.settle();
    expect(plusOnes(w, number, bare)).toBe(1);
    const nudge = replyTo(w, number, bare);
    expect(nudge).toHaveLength(1);
    expect(nudge[0]?.body).toMatch(/@bob Noted\. Next time, end the update with when the next one comes/);
    expect(nudge[0]?.body).not.toMatch(/I did not run/);
    expect(row(w.board(number)!, "Current status")).toBe(
      "2026-11-17 15:05 UTC (10:05 EST): Failing over to the backup gateway — next update due by 2026-11-17 16:05 UTC (11:05 EST)",
    );
    // Once: later reconciles neither repeat nor rewrite it.
    await w.sweep();
    await w.sweep();
    expect(replyTo(w, number, bare)).toEqual(nudge);

    w.clock.advance(minutes(5));
    const promised = await comment(w, "bob", number, "/update Backup gateway is taking traffic next 20m");
    await w.settle();
    expect(replyTo(w, number, promised)).toEqual([]);
    expect(row(w.board(number)!, "Current status")).toBe(
      "2026-11-17 15:10 UTC (10:10 EST): Backup gateway is taking traffic — next update promised by 2026-11-17 15:30 UTC (10:30 EST)",
    );
    // The timeline shows the promised time as every other time: UTC, then the team's zone.
    expect(w.board(number)).toMatch(
      /status update: Backup gateway is taking traffic \(next by 2026-11-17 15:30 UTC \(10:30 EST\)\)/,
    );

    await comment(w, "bob", number, "/mitigate Card traffic moved to the backup gateway");
    await w.settle();
    expect(w.labels(number)).toContain("incident:mitigated");
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])("words, not internals (%s mode)", (mode) => {
  it("escalation steps are described in words, severity is written SEV1 on the board and the freeze check, the job summary has no empty cell", async () => {
    world = await World.start({
      mode,
      config: { oncall: { primary: "erin", secondary: "frank" }, severity: { postmortem: [] } },
    });
    const w = world;
    const start = w.clock.now();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "Checkout 500s", Severity: SEV2, "Revenue affected": "Yes" }),
    );
    await w.settle();
    await comment(w, "bob", number, "/sev 1");
    await w.settle();
    w.clock.set(start + minutes(31));
    await w.sweep();
    const board = w.board(number)!;
    expect(board).toMatch(
      /\| Expedite \| escalated to erin, frank \(step 1 of 3 on the revenue ladder, 30m from the report\) \|/,
    );
    expect(board).not.toMatch(/revenue:\d/);
    expect(board).toMatch(/\| bob \| set the severity to SEV1 \|/);
    expect(row(board, "Severity")).toBe("SEV1");

    // The SEV1 freezes merges; the check says so the same way.
    w.sim.pushCommit({
      repo: FULL,
      branch: "banner",
      files: { "src/banner.ts": "export {};\n" },
      author: "alice",
    });
    const { data: pull } = await w
      .as("alice")
      .rest.pulls.create({ owner: "acme", repo: "shop", head: "banner", base: "main", title: "Banner" });
    await w.settle();
    const run = w.sim
      .checkRuns(FULL, w.sim.pull(FULL, pull.number)!.head.sha)
      .filter((r) => r.name === "expedite/freeze")
      .at(-1);
    expect(run?.conclusion).toBe("failure");
    expect(`${run?.output.title ?? ""}\n${run?.output.summary ?? ""}`).toContain(
      `Incident #${number} (SEV1)`,
    );
    expect(`${run?.output.title ?? ""}\n${run?.output.summary ?? ""}`).not.toMatch(/sev 1/i);

    if (mode === "action") {
      // Every run's job summary: a Note column only with something in each of its cells.
      for (const { summary } of w.actionRuns) expect(summary).not.toMatch(/<td><\/td>/);
      expect(w.actionRuns.some((r) => /<th>Note<\/th>/.test(r.summary))).toBe(true);
    }
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])("impossible and unreadable times (%s mode)", (mode) => {
  it("/freeze 2026-13-40 names month 13; an unreadable form start is reported until /started settles it", async () => {
    world = await World.start({
      mode,
      config: { oncall: { primary: "erin" }, severity: { postmortem: [] } },
    });
    const w = world;
    const { data: plain } = await w
      .as("dave")
      .rest.issues.create({ owner: "acme", repo: "shop", title: "Holiday planning" });
    await w.settle();
    const freeze = await comment(w, "dave", plain.number, "/freeze 2026-13-40 reason");
    await w.settle();
    const answer = w.botComments(plain.number).find((c) => c.body.includes(String(freeze)))?.body ?? "";
    expect(answer).toMatch(/`2026-13-40` is not a day on the calendar: there is no month 13/);
    expect(answer).not.toMatch(/can't read `reason`/);
    expect(w.sim.issues(FULL).filter((i) => i.labels.includes("code-freeze"))).toEqual([]);

    const number = await openIncident(
      w,
      "alice",
      "[Incident] Orders missing",
      formBody({
        Summary: "Some orders missing",
        Severity: SEV2,
        "Revenue affected": "No",
        "When did it start?": "around lunch",
      }),
    );
    await w.settle();
    const problem = () => w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:form-start"));
    expect(problem()).toHaveLength(1);
    expect(problem()[0]?.body).toMatch(
      /@alice I could not use the form's answer to “When did it start\?”, “around lunch”/,
    );
    expect(problem()[0]?.body).toMatch(/`\/started <time>`/);
    expect(row(w.board(number)!, "Problem started")).toMatch(
      /^2026-11-17 15:00 UTC \(10:00 EST\) — ⚠️ the form's answer “around lunch” could not be used/,
    );
    await w.sweep();
    expect(problem()).toHaveLength(1);

    await comment(w, "bob", number, "/started 08:30");
    await w.settle();
    expect(problem()).toEqual([]);
    expect(row(w.board(number)!, "Problem started")).toBe("2026-11-17 13:30 UTC (08:30 EST)");
    expect(w.board(number)).toMatch(/backdated the start to 2026-11-17 13:30 UTC \(08:30 EST\)/);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("a configuration with an impossible date is refused, saying which part is wrong", async () => {
    world = await World.start({ mode, config: { oncall: { primary: "erin" } } });
    const w = world;
    w.sim.pushCommit({
      repo: FULL,
      branch: "main",
      files: {
        ".github/expedite.yml":
          "oncall:\n  primary: erin\n  roster:\n    - from: 2026-02-01\n      to: 2026-02-30\n      primary: frank\n",
      },
      author: "dave",
    });
    await w.settle();
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "Checkout 500s", Severity: SEV1, "Revenue affected": "Yes" }),
    );
    await w.settle();
    const refusal = w
      .botComments(number)
      .find((c) => c.body.startsWith("<!-- expedite:config-refused"))?.body;
    expect(refusal).toContain("| `oncall.roster.0.to` (line 5) |");
    expect(refusal).toMatch(/not a real date: February 2026 has 28 days, not 30/);
    // Still paging from the last valid version.
    expect(assignees(w, number)).toEqual(["erin"]);
  });
});
