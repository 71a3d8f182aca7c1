import { afterEach, describe, expect, it } from "vitest";
import { FULL, minutes, comment } from "../harness/index.js";
import type { Mode, World } from "../harness/index.js";
import { declareIncident, repo } from "./support/incidents.js";
import { startWorld } from "./support/worlds.js";

// Commands are judged on the text as it stands now, with its author's role: an edit, a deletion or an
// earlier answer never lends a comment a verdict a fresh reading would not give (issue 12).

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function edit(w: World, who: string, id: number, body: string): Promise<void> {
  await w.as(who).rest.issues.updateComment({ ...repo, comment_id: id, body });
}

describe.each<Mode>(["app", "action"])("edited commands (%s mode)", (mode) => {
  it("a reader's answered /help edited into /cancel is refused, however many reconciles follow", async () => {
    world = await startWorld({ mode });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const help = await comment(w, "carol", number, "/help");
    await w.settle();
    expect(w.botComments(number).some((c) => c.body.includes(`comment=${help} `))).toBe(true);

    w.clock.advance(minutes(2));
    await edit(w, "carol", help, "/cancel false alarm, this was a test run");
    await w.settle();
    // Someone else's command rewrites the board, then the scheduled reconcile comes round.
    await comment(w, "bob", number, "/update Still looking at the payment gateway");
    await w.settle();
    await w.sweep();
    await w.sweep();

    expect(w.labels(number)).not.toContain("incident:cancelled");
    expect(w.sim.issue(FULL, number)?.state).toBe("open");
    expect(w.board(number)).not.toMatch(/cancelled: false alarm/);
    // The answer follows the text: the help reply now says why the /cancel was not run.
    const replies = w.botComments(number).filter((c) => c.body.includes(`comment=${help} `));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatch(/needs the \*\*triage\*\* role.*you have \*\*read\*\*/);
    // And the record shows that history changed.
    expect(w.board(number)).toMatch(
      /\| carol \| their command comment of [^|]+ was edited: it said \/help, it now says \/cancel \|/,
    );
  });

  it("deleting or rewriting a command leaves a line on the board saying who, when and what it was", async () => {
    world = await startWorld({ mode });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const ack = await comment(w, "bob", number, "/ack");
    await w.settle();
    const note = await comment(w, "alice", number, "/note gateway logs show TLS errors");
    await w.settle();
    expect(w.labels(number)).toContain("incident:acknowledged");

    w.clock.advance(minutes(3));
    await w.as("bob").rest.issues.deleteComment({ ...repo, comment_id: ack });
    await edit(w, "alice", note, "never mind");
    await w.settle();
    await w.sweep();
    const board = w.board(number)!;
    expect(board).toMatch(/\| bob \| their command comment of [^|]+ \(\/ack\) was deleted \|/);
    expect(board).toMatch(
      /\| alice \| their command comment of [^|]+ was edited: it said \/note, it now says no command \|/,
    );
    // Judged on what is left: nobody acknowledged, and the note is gone from the record.
    expect(w.labels(number)).toContain("incident:declared");
    expect(board).not.toMatch(/gateway logs show TLS errors/);
    // Further reconciles add nothing.
    w.sim.clearLog();
    await w.sweep();
    expect(w.sim.writes()).toEqual([]);
  });

  it("a reader's refused /sev 9 edited into /sev 1 sets no severity", async () => {
    world = await startWorld({ mode });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const sev = await comment(w, "carol", number, "/sev 9");
    await w.settle();
    await edit(w, "carol", sev, "/sev 1");
    await w.settle();
    await comment(w, "bob", number, "/ack");
    await w.settle();
    await w.sweep();

    expect(w.labels(number)).toContain("sev:2");
    expect(w.labels(number)).not.toContain("sev:1");
  });
});

describe.each<Mode>(["app", "action"])("what counts as a command (%s mode)", (mode) => {
  it("never runs commands inside code: indented, fenced, or in a list item; nor quoted or hidden ones", async () => {
    world = await startWorld({ mode });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const bodies = [
      "Example of what not to type:\n\n    /cancel false alarm, this was a test run",
      "Steps:\n\n1. first\n\n       /cancel false alarm inside the list item's code",
      "```\n/sev 1\n```",
      "> /cancel false alarm quoted",
      "<!--\n/sev 1\n-->",
    ];
    const ids: number[] = [];
    for (const body of bodies) ids.push(await comment(w, "alice", number, body));
    await w.settle();
    await w.sweep();
    expect(w.labels(number)).toContain("incident:declared");
    expect(w.labels(number)).toContain("sev:2");
    const touched = w.sim
      .comments(FULL, number)
      .filter((c) => ids.includes(c.id) && c.reactions.some((r) => r.user === w.bot));
    expect(touched).toEqual([]);
    expect(w.botComments(number).filter((c) => ids.some((id) => c.body.includes(`comment=${id} `)))).toEqual(
      [],
    );
  });
});

describe.each<Mode>(["app", "action"])("amplification (%s mode)", (mode) => {
  it("reads at most ten commands of a comment and answers all its refusals in one reply", async () => {
    world = await startWorld({ mode });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const acks = await comment(w, "bob", number, "/ack\n".repeat(300));
    const refusals = await comment(w, "bob", number, "/sev 9\n".repeat(25));
    await w.settle();
    await w.sweep();
    expect(w.labels(number)).toContain("incident:acknowledged");
    const answers = (id: number) => w.botComments(number).filter((c) => c.body.includes(`comment=${id} `));
    expect(answers(acks)).toHaveLength(1);
    expect(answers(acks)[0]!.body).toMatch(/at most 10 commands from one comment.*289 after it/);
    expect(answers(refusals)).toHaveLength(1);
    const reply = answers(refusals)[0]!.body;
    // Ten refusals and the note about the rest, with the author mentioned once.
    expect(reply.match(/is not a severity|must be 1|severity/gi)?.length).toBeGreaterThanOrEqual(10);
    expect(reply.match(/@bob\b/g)).toHaveLength(1);
    expect(reply).toMatch(/at most 10 commands/);
  });
});

describe.each<Mode>(["app", "action"])("people and roles (%s mode)", (mode) => {
  it("refuses a role for someone GitHub does not know, instead of a silent 👍", async () => {
    world = await startWorld({ mode });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const typo = await comment(w, "bob", number, "/lead @bbo");
    const nobody = await comment(w, "bob", number, "/comms @nobody-here");
    await w.settle();
    for (const id of [typo, nobody]) {
      const reply = w.botComments(number).find((c) => c.body.includes(`comment=${id} `));
      expect(reply?.body).toMatch(/cannot see this repository/);
      const reacted = w.sim
        .comments(FULL, number)
        .find((c) => c.id === id)!
        .reactions.some((r) => r.user === w.bot);
      expect(reacted).toBe(false);
    }
    expect(w.board(number)).toMatch(/nobody yet — `\/ack` or `\/lead @someone`/);
    expect(w.sim.issue(FULL, number)?.assignees ?? []).toEqual([]);
    // A real person is accepted as before.
    await comment(w, "bob", number, "/comms @dave");
    await w.settle();
    expect(w.board(number)).toMatch(/\| \*\*Communicator\*\* \| \*\*dave\*\* \|/);
  });

  it("tells a reader they lack the role before saying anything about their wording", async () => {
    world = await startWorld({ mode });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    const id = await comment(w, "carol", number, "/resolve fixed");
    await w.settle();
    const reply = w.botComments(number).find((c) => c.body.includes(`comment=${id} `))!.body;
    expect(reply).toMatch(/needs the \*\*triage\*\* role.*you have \*\*read\*\*/);
    expect(reply).not.toMatch(/does not say what was wrong/);
  });
});
