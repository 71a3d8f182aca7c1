import { afterEach, describe, expect, it } from "vitest";
import { FULL, BOT, formBody, minutes, comment, openIncident, SEV1, SEV2 } from "../harness/index.js";
import type { World } from "../harness/index.js";
import { deliver } from "../e2e/support/deliver.js";
import { duplicatesIn, identityOf } from "./support/snapshot.js";
import { declareIncident, kinds, postmortemPulls, repo } from "./support/incidents.js";
import { markupProblems, mentionsIn } from "./support/markup.js";
import { startRewritingProxy } from "./support/proxy.js";
import type { RewritingProxy } from "./support/proxy.js";
import { startWorld } from "./support/worlds.js";
import { recordFigures } from "./support/figures.js";

// Who may change an incident, and what a person can make the bot say. The rules under test (DESIGN.md
// principle 5 and README "Security"): deliveries must be signed; commands need a repository role from the
// permission API (never author_association); a marker counts only on the bot's own comments, and hidden
// data in them cannot fake a fact; everything people typed is echoed without pinging anyone, without raw
// HTML and without breaking out of the bot's markup.

let world: World | undefined;
let proxy: RewritingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await world?.close();
  world = undefined;
});

function payloadFor(number: number, title = "Not yet an incident") {
  return {
    action: "labeled",
    issue: { number, title, labels: [{ name: "incident" }], state: "open", user: { login: "alice" } },
    label: { name: "incident" },
    repository: { name: "shop", full_name: FULL, owner: { login: "acme" } },
    sender: { login: "alice" },
    installation: { id: 1 },
  };
}

describe("webhook deliveries (App mode)", () => {
  it("refuses unsigned, wrongly signed, re-signed and malformed deliveries without touching GitHub", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const { data: issue } = await w.as("alice").rest.issues.create({ ...repo, title: "Not yet an incident" });
    await w.settle();
    const url = w.app!.webhookUrl;
    const payload = payloadFor(issue.number);
    const body = JSON.stringify(payload);
    const { sign } = await import("@octokit/webhooks-methods");
    const attempts: Array<[string, Record<string, string>]> = [
      ["unsigned", {}],
      ["wrong secret", { "x-hub-signature-256": await sign("not-the-secret", body) }],
      ["signature of another body", { "x-hub-signature-256": await sign("webhook-secret-for-tests", "{}") }],
      ["sha1 only", { "x-hub-signature": "sha1=" + "0".repeat(40) }],
      ["malformed", { "x-hub-signature-256": "sha256=zz" }],
      ["empty", { "x-hub-signature-256": "" }],
    ];
    w.sim.clearLog();
    for (const [name, headers] of attempts) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "issues",
          "x-github-delivery": `forged-${name}`,
          ...headers,
        },
        body,
      });
      expect(response.status, name).toBeGreaterThanOrEqual(400);
      expect(response.status, name).toBeLessThan(500);
    }
    await w.settle();
    expect(w.sim.requests).toEqual([]);
    expect(w.labels(issue.number)).toEqual([]);

    // The server is still healthy: a real label change is handled as usual.
    await w.as("alice").rest.issues.addLabels({ ...repo, issue_number: issue.number, labels: ["incident"] });
    await w.settle();
    expect(w.labels(issue.number)).toContain("incident:declared");
    recordFigures("security", { forgedDeliveriesRefused: attempts.length });
  });

  it("a replayed delivery (same id, same signed body) changes nothing, even after the state moved on", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const refused = await comment(w, "carol", number, "/ack");
    await w.settle();
    await comment(w, "bob", number, "/ack");
    await w.settle();
    await comment(w, "bob", number, "/mitigate Payments routed through the backup gateway");
    await w.settle();

    const replays = w.sim.deliveries.filter((d) => d.event !== "issues" || d.action !== "closed");
    expect(replays.length).toBeGreaterThan(5);
    w.sim.clearLog();
    for (const d of replays) {
      const response = await deliver(w.app!.webhookUrl, d.event, d.payload, { id: d.id });
      expect(response.status).toBeLessThan(500);
    }
    await w.settle();
    expect(w.sim.writes()).toEqual([]);
    expect(w.labels(number)).toContain("incident:mitigated");
    expect(w.botComments(number).filter((c) => c.body.includes(`comment=${refused} `))).toHaveLength(1);
    recordFigures("security", { replayedDeliveries: replays.length });
  });

  it("survives oversized deliveries (5 MB): unsigned ones are refused, and it keeps serving", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const { data: issue } = await w.as("alice").rest.issues.create({ ...repo, title: "Slow checkout" });
    await w.settle();
    const huge = { ...payloadFor(issue.number), padding: "x".repeat(5 * 1024 * 1024) };
    const unsigned = await deliver(w.app!.webhookUrl, "issues", huge, { signature: "none" });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
    const wrong = await deliver(w.app!.webhookUrl, "issues", huge, { signature: "wrong" });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    // A signed one is GitHub's (it allows up to 25 MB): handled, by reading the issue from the API.
    const signed = await deliver(w.app!.webhookUrl, "issues", huge);
    expect(signed.status).toBeLessThan(500);
    await w.settle();
    await w.as("alice").rest.issues.addLabels({ ...repo, issue_number: issue.number, labels: ["incident"] });
    await w.settle();
    expect(w.labels(issue.number)).toContain("incident:declared");
    expect(kinds(w, issue.number)).toEqual(["board", "checklist"]);
  });
});

describe("who may run commands", () => {
  it("honours the repository role from the permission API: read is refused, triage and up are obeyed", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const ids: Record<string, number> = {};
    for (const person of ["carol", "bob", "alice", "erin", "dave"]) {
      ids[person] = await comment(w, person, number, `/role investigator @${person}`);
      await w.settle();
    }
    const reacted = (id: number) =>
      w.sim
        .comments(FULL, number)
        .find((c) => c.id === id)!
        .reactions.some((r) => r.user === w.bot && r.content === "+1");
    const reply = (id: number) => w.botComments(number).find((c) => c.body.includes(`comment=${id} `));
    // read: refused, told which role it takes and which one they have.
    expect(reacted(ids.carol!)).toBe(false);
    expect(reply(ids.carol!)?.body).toMatch(/\*\*triage\*\*.*\*\*read\*\*/);
    // triage, write, maintain, admin: obeyed.
    for (const person of ["bob", "alice", "erin", "dave"]) {
      expect(reacted(ids[person]!), person).toBe(true);
      expect(reply(ids[person]!), person).toBeUndefined();
    }
    expect(w.board(number)).toMatch(
      /\| \*\*investigator\*\* \| \*\*bob\*\*, \*\*alice\*\*, \*\*erin\*\*, \*\*dave\*\* \|/,
    );
  });

  it("raises the bar when the config asks for write: triage is then refused", async () => {
    world = await startWorld({ mode: "app", config: { commands: { permission: "write" } } });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const triage = await comment(w, "bob", number, "/ack");
    await w.settle();
    expect(w.labels(number)).toContain("incident:declared");
    expect(w.botComments(number).find((c) => c.body.includes(`comment=${triage} `))?.body).toMatch(
      /\*\*write\*\*.*\*\*triage\*\*/,
    );
    await comment(w, "erin", number, "/ack");
    await w.settle();
    expect(w.labels(number)).toContain("incident:acknowledged");
  });

  it("ignores author_association: a private org member with write is obeyed, a reader shown as OWNER is not", async () => {
    // author_association is rewritten on every API answer and payload between GitHub and Expedite (the
    // Action, run as a runner runs it): first to NONE, as GitHub shows a private org member, then to OWNER.
    world = await startWorld({ mode: "action" });
    const w = world;
    w.sim.addUser("grace", { orgs: ["acme"] });
    w.sim.setPermission(FULL, "grace", "write");
    proxy = await startRewritingProxy(w.sim.url, "NONE");
    const p = proxy;
    let handled = w.sim.deliveries.length;
    // One workflow run for the last event a person caused: each run reconciles the whole incident.
    const run = async () => {
      const pending = w.sim.deliveries
        .slice(handled)
        .filter(
          (d) => (d.payload as { sender?: { login?: string } }).sender?.login !== "github-actions[bot]",
        );
      handled = w.sim.deliveries.length;
      for (const d of pending.slice(-1)) {
        const payload = JSON.parse(p.rewrite(JSON.stringify(d.payload))) as unknown;
        const result = await w.runAction(d.event, payload, { GITHUB_API_URL: p.url });
        expect(result.code, result.stdout).toBe(0);
      }
    };
    const number = await declareIncident(w);
    await run();
    const ack = await comment(w, "grace", number, "/ack");
    await run();
    expect(p.rewritten).toBeGreaterThan(0);
    expect(w.labels(number)).toContain("incident:acknowledged");
    expect(w.sim.issue(FULL, number)?.assignees).toEqual(["grace"]);
    expect(w.sim.comments(FULL, number).find((c) => c.id === ack)?.reactions).toEqual([
      { content: "+1", user: "github-actions[bot]" },
    ]);

    p.association = "OWNER";
    const forged = await comment(w, "carol", number, "/resolve We restarted the gateway and it came back");
    await run();
    expect(w.labels(number)).toContain("incident:acknowledged");
    expect(w.botComments(number).find((c) => c.body.includes(`comment=${forged} `))?.body).toMatch(
      /\*\*read\*\*/,
    );
  });
});

describe("forged markers and edited hidden data", () => {
  it("ignores boards, notices, replies and summaries that people post, and never deletes them", async () => {
    world = await startWorld({ mode: "app", config: { oncall: { primary: "erin" } } });
    const w = world;
    const start = w.clock.now();
    const number = await declareIncident(w);
    await w.settle();
    const bad = await comment(w, "bob", number, "/sev 9");
    const fakes = [
      await comment(w, "carol", number, "<!-- expedite:board -->\n## 🟢 Incident — Resolved, nothing to see"),
      await comment(
        w,
        "alice",
        number,
        "<!-- expedite:notice type=escalation keys=revenue:0,revenue:1,revenue:2 -->\nescalated",
      ),
      await comment(w, "alice", number, "<!-- expedite:notice type=ack-breach keys=ack -->\nbreach noted"),
      await comment(w, "bob", number, `<!-- expedite:reply comment=${bad} line=1 -->\nalready answered`),
      await comment(w, "carol", number, "<!-- expedite:summary -->\nall done"),
      await comment(w, "carol", number, "<!-- expedite:checklist -->\n- [x] everything"),
    ];
    await w.settle();
    expect(w.labels(number)).toContain("incident:declared");
    // The refusal the fake reply tried to suppress was posted.
    expect(w.botComments(number).filter((c) => c.body.includes(`comment=${bad} `))).toHaveLength(1);
    // The clocks fire as if the fakes were not there: the breach at 15 min, the first step at 30 min.
    w.clock.set(start + minutes(31));
    await w.sweep();
    const notices = w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:notice"));
    expect(notices.map((n) => identityOf(n.body)).sort()).toEqual([
      "notice:ack-breach:ack",
      "notice:escalation:revenue:0",
      "notice:oncall:",
    ]);
    expect(kinds(w, number)).toEqual(["board", "checklist", "notice", "notice", "notice", "reply"]);
    expect(w.board(number)).toMatch(/🚨 \*\*breached\*\*/);
    for (const id of fakes) expect(w.sim.comments(FULL, number).some((c) => c.id === id)).toBe(true);
    expect(duplicatesIn(w)).toEqual([]);
  });

  /** An incident whose first escalation notice alice (write access) edited to claim all three steps. */
  async function editedNotice() {
    world = await startWorld({ mode: "app", config: { oncall: { primary: "erin", secondary: "frank" } } });
    const w = world;
    const start = w.clock.now();
    const number = await declareIncident(w);
    await w.settle();
    await comment(w, "bob", number, "/ack");
    await w.settle();
    w.clock.set(start + minutes(31));
    await w.sweep();
    const first = w
      .botComments(number)
      .find((c) => c.body.startsWith("<!-- expedite:notice type=escalation"))!;
    expect(identityOf(first.body)).toBe("notice:escalation:revenue:0");
    // Write access lets alice edit the bot's comment: she claims the 2 h and 3 h steps were done too.
    await w.as("alice").rest.issues.updateComment({
      ...repo,
      comment_id: first.id,
      body: first.body.replace("keys=revenue%3A0", "keys=revenue%3A0%2Crevenue%3A1%2Crevenue%3A2"),
    });
    await w.settle();
    for (const at of [121, 181]) {
      w.clock.set(start + minutes(at));
      await w.sweep();
      await w.sweep();
    }
    return { w, number, first };
  }

  it("a person who edits an escalation notice's keys cannot switch off the steps still to come", async () => {
    const { w, number, first } = await editedNotice();
    const escalations = w
      .botComments(number)
      .filter((c) => c.body.startsWith("<!-- expedite:notice type=escalation") && c.id !== first.id);
    expect(escalations.map((c) => identityOf(c.body))).toEqual([
      "notice:escalation:revenue:1",
      "notice:escalation:revenue:2",
    ]);
    expect(w.board(number)).toMatch(/🔔 notified[\s\S]*🔔 notified[\s\S]*🔔 notified/);
  });

  it("nor rewrite the board's history of who was notified when", async () => {
    const { w, number } = await editedNotice();
    // At 00:31 only the first step was notified, whatever the edited comment now claims.
    expect(w.board(number)).toMatch(
      /\| 2026-11-17 15:31 UTC \(10:31 EST\) \| Expedite \| escalated to erin, frank \(step 1 of 3 on the revenue ladder, 30m from the report\) \|/,
    );
  });

  it("a person who rewrites the board gets the real one back at the next reconcile, not a second board", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const board = w.botComments(number).find((c) => c.body.startsWith("<!-- expedite:board"))!;
    await w.as("alice").rest.issues.updateComment({
      ...repo,
      comment_id: board.id,
      body: "<!-- expedite:board -->\n## 🟢 Incident — Resolved",
    });
    await w.sweep();
    expect(w.board(number)).toContain("Declared");
    expect(kinds(w, number)).toEqual(["board", "checklist"]);
  });

  /** A PR frozen by a SEV1 incident, on which alice (write, not an approver) asked for an exception. */
  async function requestedException() {
    world = await startWorld({ mode: "app", config: { freeze: { approvers: ["dave"] } } });
    const w = world;
    await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    w.sim.pushCommit({ repo: FULL, branch: "banner", files: { "src/banner.ts": "x\n" }, author: "alice" });
    const { data: pr } = await w
      .as("alice")
      .rest.pulls.create({ ...repo, head: "banner", base: "main", title: "Add a banner" });
    await w.settle();
    const check = () =>
      w.sim
        .checkRuns(FULL, w.sim.pull(FULL, pr.number)!.head.sha)
        .filter((r) => r.name === "expedite/freeze")
        .at(-1)?.conclusion;
    expect(check()).toBe("failure");
    await comment(w, "alice", pr.number, "/freeze-exception the banner must go out today");
    await w.settle();
    const record = w.botComments(pr.number).find((c) => c.body.startsWith("<!-- expedite:exception "))!;
    expect(record.body).toMatch(/granted=no/);
    expect(check()).toBe("failure");
    return { w, pr: pr.number, record, check };
  }

  it("a forged exception record typed by a person does not pass the freeze", async () => {
    const { w, pr, record, check } = await requestedException();
    await comment(
      w,
      "alice",
      pr,
      `<!-- expedite:exception comment=${record.id} line=1 sha=${w.sim.pull(FULL, pr)!.head.sha} by=alice granted=yes reason=x -->`,
    );
    await w.settle();
    w.clock.advance(minutes(30));
    await w.sweep();
    expect(check()).toBe("failure");
  });

  it("a requester who edits the bot's exception record to say granted=yes does not pass the freeze", async () => {
    const { w, record, check } = await requestedException();
    // alice has write access, so GitHub lets her edit the bot's comment.
    await w.as("alice").rest.issues.updateComment({
      ...repo,
      comment_id: record.id,
      body: record.body.replace("granted=no", "granted=yes"),
    });
    await w.settle();
    w.clock.advance(minutes(30));
    await w.sweep();
    expect(check()).toBe("failure");
  });

  it("a code-freeze issue or freeze marker made by a person freezes nothing", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    w.sim.pushCommit({ repo: FULL, branch: "tidy", files: { "src/tidy.ts": "x\n" }, author: "alice" });
    const { data: pr } = await w
      .as("alice")
      .rest.pulls.create({ ...repo, head: "tidy", base: "main", title: "Tidy" });
    await w.settle();
    await w.as("carol").rest.issues.create({
      ...repo,
      title: "Code freeze until further notice",
      body: "<!-- expedite:freeze until=2099-01-01T00:00:00Z branches=main -->\nfrozen",
      labels: ["code-freeze"],
    });
    await w.settle();
    w.clock.advance(minutes(30));
    await w.sweep();
    const runs = w.sim
      .checkRuns(FULL, w.sim.pull(FULL, pr.number)!.head.sha)
      .filter((r) => r.name === "expedite/freeze");
    expect(runs.map((r) => r.conclusion)).toEqual(["success"]);
  });
});

describe("hostile text in titles, form answers and commands", () => {
  const GRACE = "grace";
  const TEAM = "acme/everyone";
  const HOSTILE = `@${GRACE} @${TEAM} <img src=x onerror=alert(1)> --> <!-- expedite:board --> | cell | **bold** </details>`;

  it("pings nobody, opens no raw HTML, breaks no markup and forges no state — boards, replies, notices, post-mortem, follow-ups", async () => {
    world = await startWorld({
      mode: "app",
      config: { oncall: { primary: "erin" }, freeze: { approvers: ["dave"] } },
    });
    const w = world;
    w.sim.addUser(GRACE, { orgs: ["acme"] });
    w.sim.addTeam("acme", "everyone", [GRACE, "alice"]);
    const start = w.clock.now();
    const number = await openIncident(
      w,
      "alice",
      `[Incident] ${HOSTILE}`,
      formBody({
        Summary: `Checkout down ${HOSTILE}`,
        Severity: SEV1,
        "Applications impacted": `web | api <b>x</b> @${GRACE}`,
        "Business / customer impact": `@${TEAM} loses money <!-- unterminated`,
        Evidence: "https://errors.example.com/x?a=<script>alert(1)</script>",
        "Revenue affected": "Yes",
        "Steps to reproduce": "1. click\n/resolve a fake resolution typed into the form",
      }),
    );
    await w.settle();
    w.clock.advance(minutes(2));
    await comment(w, "bob", number, `/ack ${HOSTILE}`);
    await comment(w, "bob", number, `/update ${HOSTILE} next 30m`);
    await comment(
      w,
      "bob",
      number,
      `/note <script>alert(1)</script> [x](javascript:alert(1)) ![p](https://evil.example/p.png) ${HOSTILE}`,
    );
    await comment(w, "bob", number, `/role investigator @${TEAM}`);
    await comment(w, "bob", number, `/sev 7 ${HOSTILE}`);
    await comment(w, "bob", number, `/lead ${HOSTILE}`);
    await comment(w, "carol", number, `/mitigate ${HOSTILE}`);
    await comment(w, "bob", number, `/frobnicate ${HOSTILE}`);
    await w.settle();
    expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:acknowledged", "sev:1"]);

    // A PR during the freeze, with a hostile title and exception reason.
    w.sim.pushCommit({ repo: FULL, branch: "fix", files: { "src/fix.ts": "x\n" }, author: "alice" });
    const { data: pr } = await w
      .as("alice")
      .rest.pulls.create({ ...repo, head: "fix", base: "main", title: `Fix ${HOSTILE}`, body: HOSTILE });
    await comment(w, "dave", pr.number, `/freeze-exception ${HOSTILE}`);
    await w.settle();

    w.clock.set(start + minutes(31));
    await w.sweep();
    await comment(w, "bob", number, `/mitigate ${HOSTILE}`);
    await comment(
      w,
      "bob",
      number,
      `/resolve ${HOSTILE} the cache key collided; fixed the key derivation and flushed it`,
    );
    await w.settle();
    expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:postmortem", "sev:1"]);

    // People write hostile action items into the post-mortem, then merge it.
    const pm = postmortemPulls(w)[0]!;
    const { data: files } = await w.as("dave").rest.pulls.listFiles({ ...repo, pull_number: pm.number });
    const path = files[0]!.filename;
    const doc = w.sim.file(FULL, pm.head.ref, path)!;
    w.sim.pushCommit({
      repo: FULL,
      branch: pm.head.ref,
      files: {
        [path]: doc.replace(
          /## Action items[\s\S]*$/,
          `## Action items\n\n- [ ] Ask ${HOSTILE} to add alerting\n`,
        ),
      },
      author: "bob",
    });
    await w.settle();
    await w.as("dave").rest.pulls.merge({ ...repo, pull_number: pm.number });
    await w.settle();
    await w.sweep();

    // Everything the bot wrote: comments everywhere, and the bodies of the issues and PRs it opened.
    const written: Array<{ where: string; body: string; comment: boolean }> = [];
    for (const issue of w.sim.issues(FULL)) {
      for (const c of w.sim.comments(FULL, issue.number).filter((c) => c.user === BOT))
        written.push({ where: `#${issue.number} comment ${c.id}`, body: c.body, comment: true });
      if (issue.user === BOT)
        written.push({ where: `#${issue.number} body`, body: issue.body ?? "", comment: false });
    }
    expect(written.length).toBeGreaterThan(10);
    const deliberate = new Set(["erin", "dave", "bob", "carol", "alice", "frank"]);
    for (const { where, body, comment: isComment } of written) {
      const pinged = mentionsIn(body).filter((h) => !deliberate.has(h.toLowerCase()));
      expect(pinged, `${where} pings ${pinged.join(", ")}:\n${body}`).toEqual([]);
      if (isComment) expect(markupProblems(body), `${where}:\n${body}`).toEqual([]);
      expect(body).not.toMatch(/<img|<script/i);
    }
    // The follow-up issue exists (its title is plain text on GitHub, so it may carry the item as typed).
    const followups = w.sim.issues(FULL).filter((i) => i.labels.includes("incident-followup"));
    expect(followups).toHaveLength(1);
    expect(followups[0]!.title).not.toContain("\n");
    // No state came from the form's "/resolve" or from markers in the title: one board, one resolution.
    expect(kinds(w, number).filter((k) => k === "board")).toHaveLength(1);
    expect(w.board(number)).toMatch(/the cache key collided/);
    expect(w.board(number)).not.toMatch(/a fake resolution/);
    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    expect(duplicatesIn(w)).toEqual([]);
    expect(w.sim.validationErrors).toEqual([]);
    recordFigures("security", { hostileTextsChecked: written.length });
  });

  it("escapes hostile text in a SEV2 incident's summary reply when it closes without a post-mortem", async () => {
    world = await startWorld({ mode: "app", config: { severity: { postmortem: [1] } } });
    const w = world;
    w.sim.addUser(GRACE, { orgs: ["acme"] });
    const number = await openIncident(
      w,
      "alice",
      `[Incident] ${HOSTILE}`,
      formBody({ Summary: HOSTILE, Severity: SEV2, "Applications impacted": HOSTILE }),
    );
    await w.settle();
    await comment(w, "bob", number, `/resolve ${HOSTILE} rebuilt the search index from the snapshot`);
    await w.settle();
    const summary = w.botComments(number).find((c) => c.body.startsWith("<!-- expedite:summary"));
    expect(summary).toBeDefined();
    for (const c of w.botComments(number)) {
      expect(
        mentionsIn(c.body).filter((h) => h !== "bob"),
        c.body,
      ).toEqual([]);
      expect(markupProblems(c.body), c.body).toEqual([]);
    }
  });
});
