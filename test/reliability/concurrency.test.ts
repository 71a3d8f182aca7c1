import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FULL, BOT, ACTIONS_BOT, formBody, minutes, comment, openIncident, SEV1 } from "../harness/index.js";
import type { World } from "../harness/index.js";
import { duplicatesIn } from "./support/snapshot.js";
import { declareIncident, kinds, repo } from "./support/incidents.js";
import { startWorld } from "./support/worlds.js";
import { recordFigures } from "./support/figures.js";

// Several things happening to one incident at the same moment, and two reconcilers working on the same
// repository at once. Races may leave a duplicate for a moment (two replicas both find no board and both
// post one); the guarantee is that the next reconcile converges and leaves none.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("many events for one incident at once", () => {
  it("twelve people act in the same second, every delivery twice at once: one board, one reaction or reply each", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const number = await declareIncident(w);
    await w.settle();
    w.sim.setWebhookFaults({ duplicate: "concurrent" });
    const commands: Array<[string, string]> = [
      ["bob", "/ack"],
      ["alice", "/comms @dave"],
      ["erin", "/role investigator @frank"],
      ["frank", "/role fixer @erin"],
      ["dave", "/update Gateway returns 502s for card traffic next 30m"],
      ["alice", "/note Support has 40 tickets about failed payments"],
      ["erin", "/sev 1"],
      ["dave", "/deviation Skipped the staging soak to ship the certificate"],
      ["frank", "/note The payment provider's status page is green"],
      ["bob", "/frobnicate now"],
      ["carol", "/resolve Restarted everything and it works"],
      ["dave", "/help"],
    ];
    const ids = await Promise.all(commands.map(([who, body]) => comment(w, who, number, body)));
    await Promise.all([
      w.as("alice").rest.issues.addLabels({ ...repo, issue_number: number, labels: ["impact:revenue"] }),
      w.as("frank").rest.issues.addAssignees({ ...repo, issue_number: number, assignees: ["frank"] }),
    ]);
    await w.settle();

    expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:acknowledged", "sev:1"]);
    expect(kinds(w, number)).toEqual(["board", "checklist", "reply", "reply", "reply"]);
    const comments = w.sim.comments(FULL, number);
    for (const [i, id] of ids.entries()) {
      const thumbs = comments.find((c) => c.id === id)!.reactions.filter((r) => r.user === BOT);
      const replies = w.botComments(number).filter((c) => c.body.includes(`comment=${id} `));
      const refusedOrHelp = ["/frobnicate", "/resolve", "/help"].some((v) => commands[i]![1].startsWith(v));
      expect(thumbs.length + replies.length, commands[i]!.join(" ")).toBe(1);
      expect(replies.length, commands[i]!.join(" ")).toBe(refusedOrHelp ? 1 : 0);
    }
    const board = w.board(number)!;
    expect(board).toMatch(/\| \*\*Lead\*\* \| \*\*bob\*\* \|/);
    expect(board).toMatch(/\| \*\*Communicator\*\* \| \*\*dave\*\* \|/);
    expect(board).toMatch(/\| \*\*investigator\*\* \| \*\*frank\*\* \|/);
    expect(duplicatesIn(w)).toEqual([]);

    // The next reconcile finds nothing left to do.
    w.sim.setWebhookFaults({});
    w.sim.clearLog();
    await w.sweep();
    expect(w.sim.writes()).toEqual([]);
    recordFigures("concurrency", {
      simultaneousEvents: commands.length + 2,
      deliveries: w.sim.deliveries.length,
    });
  });
});

describe("two App replicas that both receive every delivery and both sweep, then one more scheduled reconcile", () => {
  let w: World;
  let first = 0;
  let second = 0;
  let duplicates: string[] = [];
  beforeAll(async () => {
    w = await startWorld({
      mode: "app",
      config: { oncall: { primary: "erin", secondary: "frank" }, freeze: { approvers: ["dave"] } },
    });
    const replica = await w.replica();
    const both = [w.app!, replica];
    const split = await startFanout(both.map((a) => a.webhookUrl));
    w.sim.setWebhook({ url: split.url, secret: "webhook-secret-for-tests" });
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        await w.settle();
        await Promise.all(both.map((a) => a.expedite.queue.idle()));
      }
    };
    const sweepBoth = async () => {
      await settle();
      await Promise.all(both.map((a) => a.expedite.sweepAll()));
      await settle();
    };
    const start = w.clock.now();

    first = await declareIncident(w, "[Incident] Checkout down");
    second = await openIncident(w, "bob", "[Incident] Search down", formBody({ Severity: SEV1 }));
    w.sim.pushCommit({ repo: FULL, branch: "tidy", files: { "src/tidy.ts": "x\n" }, author: "alice" });
    const { data: pr } = await w
      .as("alice")
      .rest.pulls.create({ ...repo, head: "tidy", base: "main", title: "Tidy" });
    await settle();
    await Promise.all([
      comment(w, "bob", first, "/ack\n/comms @dave"),
      comment(w, "dave", pr.number, "/freeze-exception copy change only"),
      comment(w, "alice", second, "/update Looking at the search cluster next 20m"),
    ]);
    await settle();
    for (const at of [16, 31, 62]) {
      w.clock.set(start + minutes(at));
      await sweepBoth();
    }
    await comment(
      w,
      "bob",
      second,
      "/resolve The search cluster lost quorum; replaced the failed node and reindexed",
    );
    await settle();
    await sweepBoth();

    // One more scheduled reconcile, by either replica.
    await w.app!.expedite.sweepAll();
    await settle();
    await split.close();
    duplicates = duplicatesIn(w);
    recordFigures("concurrency", {
      replicaDeliveries: w.sim.deliveries.length * 2,
      duplicatesLeft: duplicates.length,
    });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
  });

  it("converge: one board per incident, the same labels, one post-mortem", () => {
    expect(duplicates.filter((d) => /board|checklist|notice|reply|labels/.test(d))).toEqual([]);
    expect(kinds(w, first).filter((k) => k === "board")).toHaveLength(1);
    expect(kinds(w, second).filter((k) => k === "board")).toHaveLength(1);
    expect(w.labels(first)).toContain("incident:acknowledged");
    expect(w.labels(second)).toContain("incident:postmortem");
    const postmortems = w.sim.issues(FULL).filter((i) => i.pull_request && i.title.startsWith("Post-mortem"));
    expect(postmortems).toHaveLength(1);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("leave no bot comment twice, on incidents or on pull requests", () => {
    expect(duplicates.filter((d) => d.includes("bot comment"))).toEqual([]);
  });

  // GitHub has no way to delete a check run, so two replicas that both create one for a new commit in the
  // same instant leave two. What must hold: they never disagree, and later writes update the newest.
  it("leave freeze check runs that agree on every commit (a simultaneous create can leave two, never conflicting)", () => {
    const shas = new Set(
      [...Array(10).keys()].flatMap((n) => {
        const pull = w.sim.pull(FULL, n + 1);
        return pull ? [pull.head.sha] : [];
      }),
    );
    for (const sha of shas) {
      const runs = w.sim.checkRuns(FULL, sha).filter((r) => r.name === "expedite/freeze");
      expect(runs.length).toBeLessThanOrEqual(2);
      expect(new Set(runs.map((r) => `${r.conclusion} ${r.output.title}`)).size).toBeLessThanOrEqual(1);
    }
  });

  it("leave nothing else twice", () => {
    expect(duplicates.filter((d) => !d.includes("bot comment") && !d.startsWith("check run"))).toEqual([]);
  });
});

describe("two reconcilers on one repository", () => {
  it("the App and the Action on one repository, trusting each other, share one board and converge", async () => {
    world = await startWorld({
      mode: "app",
      config: { oncall: { primary: "erin" }, trusted_bots: [ACTIONS_BOT, BOT] },
    });
    const w = world;
    const start = w.clock.now();
    let handled = w.sim.deliveries.length;
    // The workflow runs for every issue or comment event a person caused (GitHub starts none for
    // GITHUB_TOKEN's own events, and the Action skips the App's), while the App handles the webhook.
    const both = async () => {
      const pending = w.sim.deliveries.slice(handled);
      handled = w.sim.deliveries.length;
      const runs = pending
        .filter(
          (d) =>
            ["issues", "issue_comment"].includes(d.event) &&
            ![BOT, ACTIONS_BOT].includes((d.payload as { sender?: { login?: string } }).sender?.login ?? ""),
        )
        .map((d) => w.runAction(d.event, d.payload));
      await Promise.all([w.settle(), ...runs]);
      await w.settle();
    };
    const schedule = async () => {
      await Promise.all([
        w.app!.expedite.sweepAll(),
        w.runAction("schedule", {
          schedule: "*/5 * * * *",
          repository: { name: "shop", full_name: FULL, owner: { login: "acme" } },
        }),
      ]);
      await w.settle();
      handled = w.sim.deliveries.length;
    };

    const number = await declareIncident(w);
    await both();
    await comment(w, "bob", number, "/ack");
    await comment(w, "carol", number, "/ack");
    await both();
    w.clock.set(start + minutes(31));
    await schedule();
    await comment(w, "bob", number, "/mitigate Payments routed through the backup gateway");
    await both();
    await schedule();
    for (const run of w.actionRuns) expect(run.code, run.stdout).toBe(0);

    expect(duplicatesIn(w)).toEqual([]);
    const marked = w.sim.comments(FULL, number).filter((c) => c.body.startsWith("<!-- expedite:"));
    expect(marked.filter((c) => c.body.startsWith("<!-- expedite:board"))).toHaveLength(1);
    expect(marked.filter((c) => c.body.startsWith("<!-- expedite:checklist"))).toHaveLength(1);
    expect(marked.filter((c) => c.body.startsWith("<!-- expedite:notice type=escalation"))).toHaveLength(1);
    expect(marked.every((c) => c.user === BOT || c.user === ACTIONS_BOT)).toBe(true);
    expect(w.labels(number)).toEqual(["impact:revenue", "incident", "incident:mitigated", "sev:2"]);
    expect(w.sim.validationErrors).toEqual([]);
    recordFigures("concurrency", { actionRuns: w.actionRuns.length });
  });
});

interface Fanout {
  url: string;
  close: () => Promise<void>;
}

/** A webhook receiver that forwards every delivery, as received, to several App replicas at once. */
async function startFanout(targets: string[]): Promise<Fanout> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string" && (k.startsWith("x-") || k === "content-type")) headers[k] = v;
      const body = Buffer.concat(chunks);
      void Promise.all(targets.map((t) => fetch(t, { method: "POST", headers, body }))).then((answers) => {
        res.writeHead(Math.max(...answers.map((a) => a.status)));
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
