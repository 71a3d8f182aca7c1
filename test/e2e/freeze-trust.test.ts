// Who may steer a code freeze, and on what evidence: labels set by hand, edited grants, the commit a
// grant was given for, and what counts as an incident's hotfix. Every case runs in App and Action mode.
import { afterEach, describe, expect, it } from "vitest";
import {
  World,
  FULL,
  formBody,
  minutes,
  addLabel,
  comment,
  editComment,
  openIncident,
  openPull,
  removeLabel,
  SEV1,
  SEV2,
} from "../harness/index.js";
import type { Mode } from "../harness/index.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const CONFIG = {
  oncall: { primary: "erin" },
  freeze: { approvers: ["dave"] },
  severity: { postmortem: [] },
};

function latestCheck(w: World, number: number) {
  const sha = w.sim.pull(FULL, number)!.head.sha;
  return w.sim
    .checkRuns(FULL, sha)
    .filter((r) => r.name === "expedite/freeze")
    .at(-1);
}

describe.each<Mode>(["app", "action"])("freeze trust (%s mode)", (mode) => {
  it("a severity or state label set by hand that starts a freeze turns pull requests red at once", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const pull = await openPull(w, "frank", "search", "Faster search");
    const incident = await openIncident(w, "alice", "[Incident] Search slow", formBody({ Severity: SEV2 }));
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");

    // sev:2 → sev:1 by hand: no command, no sweep.
    await addLabel(w, "alice", incident, "sev:1");
    await removeLabel(w, "alice", incident, "sev:2");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    expect(latestCheck(w, pull)?.output.title).toMatch(new RegExp(`#${incident}`));

    // Resolved (and closed, no post-mortem configured): the freeze lifts.
    w.clock.advance(minutes(10));
    await comment(
      w,
      "alice",
      incident,
      "/resolve Rolled back the search index change; latency is normal again",
    );
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");

    // Reopened and moved back to acknowledged by hand: the freeze is back at once.
    await w
      .as("alice")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: incident, state: "open" });
    await w.settle();
    await addLabel(w, "alice", incident, "incident:acknowledged");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
  });

  it("an edited comment grants nothing: a forged grant, or a line added to an old grant after a push", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const pull = await openPull(w, "frank", "banner", "Add a banner");
    await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");

    // alice (write) turns dave's harmless comment into a grant.
    w.clock.advance(minutes(1));
    const harmless = await comment(w, "dave", pull, "Looks reasonable to me.");
    await w.settle();
    w.clock.advance(minutes(1));
    await editComment(w, "alice", harmless, "/freeze-exception fine by me");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    expect(w.botComments(pull).some((c) => c.body.includes("**granted**"))).toBe(false);

    // dave grants the current commit for real: green.
    w.clock.advance(minutes(1));
    const grant = await comment(w, "dave", pull, "/freeze-exception copy change only");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");

    // frank pushes, then a line is added to dave's old grant: the new commit stays red, and the old
    // grant no longer counts either once its comment was edited.
    w.clock.advance(minutes(1));
    w.sim.pushCommit({
      repo: FULL,
      branch: "banner",
      files: { "src/banner.ts": "export const x = 2;\n" },
      author: "frank",
    });
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    await editComment(
      w,
      "alice",
      grant,
      "/freeze-exception copy change only\n/freeze-exception and the follow-up too",
    );
    await w.settle();
    await w.sweep();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    expect(latestCheck(w, pull)?.output.summary).toMatch(/edited/);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("twenty-five requests get one answer per comment, and page the approvers once per commit", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const pull = await openPull(w, "frank", "banner", "Add a banner");
    const incident = await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    const lines = Array.from({ length: 25 }, (_, i) => `/freeze-exception please ${i}`).join("\n");
    await comment(w, "frank", pull, lines);
    await w.settle();
    await comment(w, "frank", pull, "/freeze-exception please, it is urgent");
    await w.settle();
    await w.sweep();
    const answers = w.botComments(pull).filter((c) => c.body.startsWith("<!-- expedite:exception "));
    expect(answers).toHaveLength(2);
    const pages = (handle: string) =>
      answers.map((c) => c.body.split(handle).length - 1).reduce((a, b) => a + b, 0);
    expect(pages("@dave")).toBe(1);
    expect(pages("@erin")).toBe(1);
    const audits = w.botComments(incident).filter((c) => c.body.startsWith("<!-- expedite:exception-audit"));
    expect(audits).toHaveLength(1);
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
  });

  it("a grant answered late covers the commit the approver saw, not one pushed since", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const pull = await openPull(w, "frank", "banner", "Add a banner");
    await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    const seen = w.sim.pull(FULL, pull)!.head.sha;

    // dave grants what he sees; the delivery is lost, and frank pushes a minute later (also lost).
    w.sim.setWebhookFaults({ dropRate: 1 });
    w.clock.advance(minutes(1));
    await comment(w, "dave", pull, "/freeze-exception copy change only");
    w.clock.advance(minutes(1));
    w.sim.pushCommit({
      repo: FULL,
      branch: "banner",
      files: { "src/banner.ts": "export const x = 'something else';\n" },
      author: "frank",
    });
    await w.settle();
    w.sim.setWebhookFaults({});

    // The next event on the pull request answers dave's comment, with the new commit as head.
    w.clock.advance(minutes(1));
    await comment(w, "carol", pull, "Any news on this one?");
    await w.settle();
    const head = w.sim.pull(FULL, pull)!.head.sha;
    expect(head).not.toBe(seen);
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    const answer = w.botComments(pull).find((c) => c.body.startsWith("<!-- expedite:exception "));
    expect(answer?.body).toMatch(/not granted/);
    expect(answer?.body).toContain(seen.slice(0, 7));

    // A grant made now, looking at the new head, counts.
    w.clock.advance(minutes(1));
    await comment(w, "dave", pull, "/freeze-exception re-checked the new commit");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("only a visible reference, or the incident-fix label from someone who may freeze, passes as the hotfix", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const incident = await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    const hidden = await openPull(w, "frank", "hidden", "Tidy up", `Small refactor <!-- #${incident} -->`);
    const code = await openPull(w, "frank", "code", "Tidy up more", `Renames \`#${incident}\` in a comment`);
    const seen = await openPull(w, "frank", "seen", "Fix checkout", `Hotfix for #${incident}`);
    const bobs = await openPull(w, "frank", "bobs", "Another tidy-up");
    const alices = await openPull(w, "frank", "alices", "Payment retry fix");
    await w.settle();
    expect(latestCheck(w, hidden)?.conclusion).toBe("failure");
    expect(latestCheck(w, code)?.conclusion).toBe("failure");
    expect(latestCheck(w, seen)?.conclusion).toBe("success");

    // bob (triage) may label pull requests, but not let them through a freeze.
    await addLabel(w, "bob", bobs, "incident-fix");
    await addLabel(w, "alice", alices, "incident-fix");
    await w.settle();
    expect(latestCheck(w, bobs)?.conclusion).toBe("failure");
    expect(latestCheck(w, bobs)?.output.summary).toMatch(/added by @\W?bob/);
    expect(latestCheck(w, alices)?.conclusion).toBe("success");
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("a hand change by someone without the role to lift a freeze leaves it in force, says so, and reverts nothing", async () => {
    // Lifting an incident's freeze by command (/sev, /resolve, /cancel) takes write here; bob has triage.
    world = await World.start({ mode, config: { ...CONFIG, commands: { permission: "write" } } });
    const w = world;
    const pull = await openPull(w, "frank", "search", "Faster search");
    const incident = await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");

    // bob relabels sev:1 → sev:4 by hand: his labels stay, the freeze holds, the board says who and why.
    w.clock.advance(minutes(1));
    await addLabel(w, "bob", incident, "sev:4");
    await removeLabel(w, "bob", incident, "sev:1");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    const labels = w.sim.issue(FULL, incident)!.labels;
    expect(labels).toContain("sev:4");
    expect(labels).not.toContain("sev:1");
    expect(labels).toContain("freeze-held");
    expect(w.board(incident)).toMatch(/Merges stay frozen: `bob` set severity 4 by label/);
    expect(w.board(incident)).toMatch(/takes the \*\*write\*\* role and they have \*\*triage\*\*/);
    // A sweep changes nothing and writes nothing more.
    const before = w.sim.issue(FULL, incident)!.labels.join(",");
    await w.sweep();
    expect(w.sim.issue(FULL, incident)!.labels.join(",")).toBe(before);
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");

    // The freeze is kept by a "Code freeze held" issue of Expedite's, where the freeze checks look anyway.
    const records = () => w.sim.issues(FULL).filter((i) => i.title === `Code freeze held: #${incident}`);
    expect(records()).toHaveLength(1);
    const record = records()[0]!.number;
    expect(records()[0]!.labels).toContain("code-freeze");

    // bob takes the hold label off, or closes the record: both are Expedite's, so they are put back.
    await removeLabel(w, "bob", incident, "freeze-held");
    await w.settle();
    expect(w.sim.issue(FULL, incident)!.labels).toContain("freeze-held");
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    await w
      .as("bob")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: record, state: "closed" });
    await w.settle();
    expect(w.sim.issue(FULL, record)!.state).toBe("open");
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    expect(records()).toHaveLength(1);

    // alice (write) confirms by command: the freeze lifts and the hold label goes.
    w.clock.advance(minutes(1));
    await comment(w, "alice", incident, "/sev 4");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");
    expect(w.sim.issue(FULL, incident)!.labels).not.toContain("freeze-held");
    expect(w.sim.issue(FULL, record)!.state).toBe("closed");
    expect(w.board(incident)).not.toMatch(/Merges stay frozen/);
  });

  it("an incident closed, or its incident label taken off, by someone without the role still freezes", async () => {
    world = await World.start({ mode, config: { ...CONFIG, commands: { permission: "write" } } });
    const w = world;
    const pull = await openPull(w, "frank", "search", "Faster search");
    const closed = await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    w.clock.advance(minutes(1));
    await w
      .as("bob")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: closed, state: "closed" });
    await w.settle();
    expect(w.sim.issue(FULL, closed)!.state).toBe("closed");
    expect(w.sim.issue(FULL, closed)!.labels).toContain("freeze-held");
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    expect(latestCheck(w, pull)?.output.summary).toMatch(/held/);

    // alice (write) takes the hold label off: her call, the freeze lifts and its record is closed.
    await removeLabel(w, "alice", closed, "freeze-held");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");
    expect(w.sim.issue(FULL, closed)!.labels).not.toContain("freeze-held");
    const record = w.sim.issues(FULL).find((i) => i.title === `Code freeze held: #${closed}`)!;
    expect(record.state).toBe("closed");

    // A second incident loses its incident label to bob: it still freezes, with one comment saying why.
    const unlabelled = await openIncident(w, "alice", "[Incident] Search down", formBody({ Severity: SEV1 }));
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    w.clock.advance(minutes(1));
    await removeLabel(w, "bob", unlabelled, "incident");
    await w.settle();
    expect(w.sim.issue(FULL, unlabelled)!.labels).not.toContain("incident");
    expect(w.sim.issue(FULL, unlabelled)!.labels).toContain("freeze-held");
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    // erin (maintain) closes its record: that lifts it, and the hold label comes off the issue it held.
    const second = w.sim.issues(FULL).find((i) => i.title === `Code freeze held: #${unlabelled}`)!.number;
    await w
      .as("erin")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: second, state: "closed" });
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");
    expect(w.sim.issue(FULL, unlabelled)!.labels).not.toContain("freeze-held");
    await w.sweep();
    const notices = w.botComments(unlabelled).filter((c) => c.body.startsWith("<!-- expedite:freeze-hold"));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toMatch(/`bob` removed the incident label/);
    expect(notices[0]!.body).not.toMatch(/@bob/);
  });

  it("a freeze issue closed or unlabelled by someone without the freeze permission keeps freezing until someone with it lifts it", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const pull = await openPull(w, "frank", "search", "Faster search");
    const host = await w.as("alice").rest.issues.create({ owner: "acme", repo: "shop", title: "Release" });
    await comment(w, "dave", host.data.number, "/freeze 2026-11-18 09:00 database migration");
    await w.settle();
    const freeze = w.sim.issues(FULL).find((i) => i.labels.includes("code-freeze"))!.number;
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");

    // bob (triage; /unfreeze needs write) closes it: it stays closed, and merges stay frozen.
    w.clock.advance(minutes(1));
    await w
      .as("bob")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: freeze, state: "closed" });
    await w.settle();
    expect(w.sim.issue(FULL, freeze)!.state).toBe("closed");
    expect(w.sim.issue(FULL, freeze)!.labels).toContain("freeze-held");
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    const notice = w.botComments(freeze).filter((c) => c.body.startsWith("<!-- expedite:freeze-hold"));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toMatch(/`bob` closed the issue.*\*\*write\*\* role.*\*\*triage\*\*/s);

    // dave lifts it with /unfreeze on the closed issue.
    w.clock.advance(minutes(1));
    await comment(w, "dave", freeze, "/unfreeze");
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");
    expect(w.sim.issue(FULL, freeze)!.labels).not.toContain("freeze-held");

    // A new freeze loses its code-freeze label to bob: still frozen; alice (write) closing it lifts it.
    await comment(w, "dave", host.data.number, "/freeze 2026-11-19 09:00 second migration");
    await w.settle();
    const second = w.sim
      .issues(FULL)
      .find((i) => i.labels.includes("code-freeze") && i.state === "open" && i.number !== freeze)!.number;
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    w.clock.advance(minutes(1));
    await removeLabel(w, "bob", second, "code-freeze");
    await w.settle();
    expect(w.sim.issue(FULL, second)!.labels).toContain("freeze-held");
    expect(latestCheck(w, pull)?.conclusion).toBe("failure");
    await w
      .as("alice")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: second, state: "closed" });
    await w.settle();
    expect(latestCheck(w, pull)?.conclusion).toBe("success");
    expect(w.sim.issue(FULL, second)!.labels).not.toContain("freeze-held");
  });
});
