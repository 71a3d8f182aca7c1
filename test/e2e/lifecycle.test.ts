import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, formBody, minutes, addLabel, comment, openIncident, SEV2 } from "../harness/index.js";
import type { Mode } from "../harness/index.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CONFIG = { severity: { postmortem: [1] } };
const FORM = formBody({
  Summary: "Card payments fail at checkout with a 500",
  Severity: SEV2,
  "Applications impacted": "checkout-web, payments-api",
  "Business / customer impact": "Customers cannot pay by card; orders are lost",
  Evidence: "Error tracker shows 1,200 PaymentGatewayError in 10 minutes",
  "Revenue affected": "Yes",
  "Steps to reproduce": "Add any item, pay by card",
  "When did it start?": "",
});

function row(board: string, label: string): string | undefined {
  const match = new RegExp(`^\\| \\*\\*${label}\\*\\* \\| (.*) \\|$`, "m").exec(board);
  return match?.[1];
}

describe.each<Mode>(["app", "action"])("incident lifecycle (%s mode)", (mode) => {
  it("declare → /ack → /comms → /update → /mitigate → /resolve: labels, assignee, reactions, board and checklist", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const number = await openIncident(w, "alice", "[Incident] Checkout card payments failing", FORM);
    await w.settle();
    expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:declared", "sev:2"]);
    expect(w.board(number)).toBeDefined();
    expect(w.checklist(number)).toBeDefined();

    w.clock.advance(minutes(4));
    const ack = await comment(w, "bob", number, "/ack on it, looking at the payment gateway");
    await w.settle();
    expect(w.labels(number)).toContain("incident:acknowledged");
    expect(w.sim.issue(FULL, number)?.assignees).toEqual(["bob"]);

    w.clock.advance(minutes(1));
    const comms = await comment(w, "bob", number, "/comms @dave");
    w.clock.advance(minutes(3));
    const update = await comment(
      w,
      "bob",
      number,
      "/update Gateway returns 502s for card traffic; failing over next 30m",
    );
    w.clock.advance(minutes(20));
    const mitigate = await comment(
      w,
      "bob",
      number,
      "/mitigate Card traffic switched to the backup provider",
    );
    await w.settle();
    expect(w.labels(number)).toContain("incident:mitigated");

    w.clock.advance(minutes(40));
    const resolve = await comment(
      w,
      "bob",
      number,
      "/resolve The gateway's TLS certificate expired; renewed it, moved traffic back, error rate is normal",
    );
    await w.settle();

    // Labels: exactly one state, one severity, revenue; severity 2 closes without a post-mortem here.
    expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:resolved", "sev:2"]);
    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    // Every processed command got exactly one 👍 from the bot.
    for (const id of [ack, comms, update, mitigate, resolve]) {
      const c = w.sim.comments(FULL, number).find((x) => x.id === id);
      expect(c?.reactions.filter((r) => r.user === w.bot && r.content === "+1")).toHaveLength(1);
    }
    // Exactly one board and one checklist.
    const marked = w.botComments(number).map((c) => c.body.split("\n")[0]);
    expect(marked.filter((m) => m?.startsWith("<!-- expedite:board"))).toHaveLength(1);
    expect(marked.filter((m) => m?.startsWith("<!-- expedite:checklist"))).toHaveLength(1);
    expect(w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:summary"))).toHaveLength(1);

    const board = w.board(number)!;
    expect(board).toContain("🟢 Incident #" + number + " — Resolved");
    expect(row(board, "Severity")).toBe("SEV2");
    expect(row(board, "Revenue")).toBe("💸 **affected**");
    expect(row(board, "Lead")).toBe("**bob**");
    expect(row(board, "Communicator")).toBe("**dave**");
    expect(row(board, "Workaround")).toBe("Card traffic switched to the backup provider");
    expect(row(board, "Problem started")).toBe("2026-11-17 15:00 UTC (10:00 EST)");
    expect(row(board, "Acknowledged")).toBe("2026-11-17 15:04 UTC (10:04 EST) — 4m after the start");
    expect(row(board, "Acknowledge by")).toMatch(
      /^2026-11-17 15:15 UTC \(10:15 EST\) \(inside business hours\) — ✅ met/,
    );
    expect(row(board, "Mitigated")).toBe("2026-11-17 15:28 UTC (10:28 EST) — 28m after the start");
    expect(row(board, "Resolved")).toBe("2026-11-17 16:08 UTC (11:08 EST) — 1h 8m after the start");
    expect(row(board, "Applications impacted")).toBe("checkout-web, payments-api");
    expect(row(board, "Business impact")).toBe("Customers cannot pay by card; orders are lost");
    expect(row(board, "Incident start")).toBe("2026-11-17 15:00 UTC (10:00 EST)");
    expect(row(board, "Incident end")).toBe("2026-11-17 16:08 UTC (11:08 EST)");
    expect(row(board, "Current status")).toBe(
      "2026-11-17 15:08 UTC (10:08 EST): Gateway returns 502s for card traffic; failing over",
    );
    expect(row(board, "Resolution")).toBe(
      "The gateway's TLS certificate expired; renewed it, moved traffic back, error rate is normal",
    );
    // What bob typed with /ack is what the record keeps (issue 18).
    expect(board).toMatch(
      /\| 2026-11-17 15:04 UTC \(10:04 EST\) \| bob \| acknowledged: on it, looking at the payment gateway \|/,
    );
    expect(board).toMatch(/\| bob \| dave communicates \|/);
    expect(board).toMatch(/\| bob \| status update: Gateway returns 502s/);

    const checklist = w.checklist(number)!;
    for (const id of ["lead", "ack", "comms", "severity", "first-update", "workaround", "resolution"]) {
      expect(checklist).toMatch(new RegExp(`- \\[x\\] .*<!-- item:${id} -->`));
    }
    for (const id of ["support", "call", "deploy", "metric"]) {
      expect(checklist).toMatch(new RegExp(`- \\[ \\] .*<!-- item:${id} -->`));
    }
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("refuses /resolve from a reader, and refuses content-free resolutions with guidance", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "Search is down",
      formBody({ Summary: "No results", Severity: SEV2 }),
    );
    await w.settle();
    const fromReader = await comment(
      w,
      "carol",
      number,
      "/resolve We restarted the search cluster and results are back",
    );
    await w.settle();
    expect(w.labels(number)).toContain("incident:declared");
    const refusal = w.botComments(number).find((c) => c.body.includes(`comment=${fromReader}`));
    expect(refusal?.body).toMatch(/@carol/);
    expect(refusal?.body).toMatch(/triage/);

    const dots = await comment(w, "bob", number, "/resolve ...");
    const fixed = await comment(w, "bob", number, "/resolve fixed");
    await w.settle();
    expect(w.labels(number)).toContain("incident:declared");
    for (const id of [dots, fixed]) {
      const reply = w.botComments(number).find((c) => c.body.includes(`comment=${id}`));
      expect(reply?.body).toMatch(/what was wrong|what went wrong|cause/i);
    }
    await comment(
      w,
      "bob",
      number,
      "/resolve Search index was corrupted by a failed deploy; rebuilt it from the nightly snapshot",
    );
    await w.settle();
    expect(w.labels(number)).toContain("incident:resolved");
    // No command got two replies, however often it was reconciled.
    const replies = w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:reply"));
    expect(new Set(replies.map((r) => r.body.split("\n")[0])).size).toBe(replies.length);
  });

  it("ignores a board marker typed by a person", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "Login slow",
      formBody({ Summary: "Slow", Severity: SEV2 }),
    );
    await w.settle();
    const fake = await comment(
      w,
      "carol",
      number,
      "<!-- expedite:board -->\n## Incident resolved, nothing to see",
    );
    await comment(w, "bob", number, "/ack");
    await w.settle();
    const boards = w.sim.comments(FULL, number).filter((c) => c.body.startsWith("<!-- expedite:board"));
    expect(boards.map((b) => b.user).sort()).toEqual(["carol", w.bot].sort());
    expect(w.sim.comments(FULL, number).find((c) => c.id === fake)?.body).toContain("nothing to see");
    expect(w.board(number)).toContain("Acknowledged");
  });

  it("accepts a hand-applied resolved label, flags the missing resolution once, and keeps a person's checklist ticks", async () => {
    world = await World.start({ mode, config: { severity: { postmortem: [1] } } });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "Images missing",
      formBody({ Summary: "CDN 404s", Severity: SEV2 }),
    );
    await w.settle();

    // A person ticks a manual item on the checklist.
    const list = w.checklist(number)!;
    const ticked = list.replace(/- \[ \] (.*<!-- item:support -->)/, "- [x] $1");
    const listId = w.botComments(number).find((c) => c.body.startsWith("<!-- expedite:checklist"))!.id;
    await w
      .as("alice")
      .rest.issues.updateComment({ owner: "acme", repo: "shop", comment_id: listId, body: ticked });
    await comment(w, "bob", number, "/ack");
    await w.settle();
    expect(w.checklist(number)).toMatch(/- \[x\] .*<!-- item:support -->/);
    expect(w.checklist(number)).toMatch(/- \[x\] .*<!-- item:ack -->/);

    await addLabel(w, "alice", number, "incident:resolved");
    await w.settle();
    expect(w.labels(number)).toEqual(["incident", "incident:resolved", "sev:2"]);
    const gaps = () => w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:gap"));
    expect(gaps()).toHaveLength(1);
    expect(gaps()[0]?.body).toMatch(/@alice/);
    expect(w.board(number)).toMatch(/not journaled/);
    // Redelivery and a sweep add nothing.
    await w.sweep();
    await w.sweep();
    expect(gaps()).toHaveLength(1);
    expect(w.sim.issue(FULL, number)?.state).toBe("open");
  });
});

describe("duplicated and reordered deliveries (App mode)", () => {
  async function play(
    faults: boolean,
  ): Promise<{ labels: string[]; board: string; checklist: string; marked: string[] }> {
    const w = await World.start({ mode: "app", config: CONFIG });
    try {
      if (faults) w.sim.setWebhookFaults({ duplicate: "concurrent", reorderWindow: 4 });
      const number = await openIncident(w, "alice", "[Incident] Checkout card payments failing", FORM);
      await w.settle();
      const script = [
        ["bob", "/ack"],
        ["bob", "/comms @dave"],
        ["bob", "/update Gateway returns 502s; failing over next 30m"],
        ["bob", "/role investigator @alice"],
        ["bob", "/mitigate Card traffic switched to the backup provider"],
        ["bob", "/resolve The gateway's TLS certificate expired; renewed it and moved traffic back"],
      ] as const;
      for (const [who, text] of script) {
        w.clock.advance(minutes(3));
        await comment(w, who, number, text);
      }
      await w.settle();
      await w.sweep();
      return {
        labels: w.labels(number),
        board: w.board(number) ?? "",
        checklist: w.checklist(number) ?? "",
        marked: w.botComments(number).map((c) => c.body.split("\n")[0] ?? ""),
      };
    } finally {
      await w.close();
    }
  }

  it("end in the same labels, board and checklist as an orderly run, with no duplicate bot comment", async () => {
    const orderly = await play(false);
    const faulty = await play(true);
    expect(faulty.labels).toEqual(orderly.labels);
    expect(faulty.board).toBe(orderly.board);
    expect(faulty.checklist).toBe(orderly.checklist);
    expect(new Set(faulty.marked).size).toBe(faulty.marked.length);
    expect([...faulty.marked].sort()).toEqual([...orderly.marked].sort());
  });
});
