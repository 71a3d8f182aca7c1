// Who may steer a code freeze, and on what evidence: labels set by hand, edited grants, the commit a
// grant was given for, and what counts as an incident's hotfix. Every case runs in App and Action mode.
import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, formBody, minutes } from "./support/world.js";
import type { Mode } from "./support/world.js";
import {
  addLabel,
  comment,
  editComment,
  openIncident,
  openPull,
  removeLabel,
  SEV1,
  SEV2,
} from "./support/people.js";

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
});
