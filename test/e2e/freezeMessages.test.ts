// Freezes, exceptions and releases told beyond GitHub (issues 15 and 16): the deployments channel hears each
// freeze start and end and each exception granted once, and release announcements go to channels, each
// recorded where its subject lives. Every case runs in App and Action mode against loopback receivers.
import { afterEach, describe, expect, it } from "vitest";
import {
  World,
  FULL,
  formBody,
  minutes,
  comment,
  openIncident,
  openPull,
  removeLabel,
  SEV1,
  SEV3,
  slackReceiver,
  startReceivers,
} from "../harness/index.js";
import type { Mode } from "../harness/index.js";

let world: World | undefined;
let receivers: Awaited<ReturnType<typeof startReceivers>> | undefined;
let deployments: ReturnType<typeof slackReceiver> | undefined;
afterEach(async () => {
  await world?.close();
  await receivers?.close();
  await deployments?.close();
  world = undefined;
  receivers = undefined;
  deployments = undefined;
});

// The world starts Tuesday 2026-11-17 10:00 in New York; the window runs 11:00–13:00 local.
const WINDOW = { name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" };

/** Loopback receivers, plus a second Slack workspace for the deployments channel. */
async function start(mode: Mode, config: Record<string, unknown>) {
  receivers = await startReceivers();
  deployments = await slackReceiver().start("/services/T111/B111/DEPLOYS");
  world = await World.start({
    mode,
    config: {
      oncall: { primary: "erin" },
      severity: { postmortem: [] },
      deploys: { channels: ["deployments"] },
      ...config,
      channels: {
        deployments: { type: "slack", events: [] },
        chat: { type: "slack" },
        audit: { type: "webhook", events: ["freeze-started", "freeze-ended", "exception-granted"] },
        ...(config.channels ?? {}),
      },
    },
    channelEnv: { ...receivers.env, EXPEDITE_CHANNEL_DEPLOYMENTS: deployments.url },
  });
  return { w: world, r: receivers, d: deployments };
}

/** What each Slack message said: its header. */
const titles = (receiver: ReturnType<typeof slackReceiver>) =>
  receiver.received.map((m) => (m.body.blocks as Array<{ text?: { text?: string } }>)[0]?.text?.text ?? "");

/** The messages recorded on an issue (their identities), from the bot's delivery records. */
function recorded(w: World, number: number): string[] {
  return w
    .botComments(number)
    .filter((c) => c.body.startsWith("<!-- expedite:delivery"))
    .map((c) => decodeURIComponent(/message=([^ ]+)/.exec(c.body)?.[1] ?? ""));
}

describe.each<Mode>(["app", "action"])("freezes told beyond GitHub (%s mode)", (mode) => {
  it("an incident's freeze reaches the deployments channel once when it starts and once when it ends", async () => {
    const { w, r, d } = await start(mode, {});
    w.sim.setWebhookFaults({ duplicate: "concurrent", reorderWindow: 3 });
    const sev1 = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "Card payments fail", Severity: SEV1 }),
    );
    await w.settle();
    // A SEV3 freezes nothing, so it tells the deployments channel nothing.
    await openIncident(w, "alice", "[Incident] Typo on the footer", formBody({ Severity: SEV3 }));
    await w.settle();
    expect(titles(d)).toEqual(["Code freeze started on the default branch: Incident #1 (SEV1)"]);
    const startedText = (d.received[0]?.body.blocks as Array<{ text?: { text?: string } }>)[1]?.text?.text;
    expect(startedText).toMatch(/deployments to production, production-\*, prod, prod-\*, live are held/);
    expect(startedText).toMatch(/until the incident is resolved/);

    w.clock.advance(minutes(40));
    await comment(w, "bob", sev1, "/resolve Rolled back the payment client; errors back to normal");
    await w.settle();
    await w.sweep();
    await w.sweep();
    expect(titles(d)).toEqual([
      "Code freeze started on the default branch: Incident #1 (SEV1)",
      "Code freeze ended on the default branch: Incident #1 (SEV1)",
    ]);
    // The lifecycle channel does not hear freezes unless it lists them.
    expect(titles(r.slack).some((t) => /freeze/i.test(t))).toBe(false);
    // The signed webhook carries the freeze and the incident that caused it.
    const hooks = r.webhook.received.map((m) => m.body);
    expect(hooks.map((h) => h.event)).toEqual(["freeze-started", "freeze-ended"]);
    expect(hooks[0]?.freeze).toMatchObject({ kind: "incident", name: "Incident #1 (SEV1)", branches: [] });
    expect(hooks[0]?.incident).toMatchObject({ number: sev1, severity: 1 });
    expect(hooks[1]?.freeze).toMatchObject({ ended_at: "2026-11-17T15:40:00.000Z" });
    for (const receiver of [d, r.slack, r.webhook]) expect(receiver.violations).toEqual([]);
    // Recorded on the incident, once each, and shown on its board.
    expect(
      recorded(w, sev1)
        .filter((m) => m.startsWith("freeze-"))
        .sort(),
    ).toEqual(["freeze-ended:1", "freeze-started:1"]);
    expect(w.board(sev1)).toMatch(
      /Code freeze ended on the default branch.*Slack `deployments`: ✅ delivered/,
    );
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("an incident closed by someone without the role still freezes: its freeze ends when someone with it lifts the hold", async () => {
    const { w, d } = await start(mode, { commands: { permission: "write" } });
    const incident = await openIncident(w, "alice", "[Incident] Checkout down", formBody({ Severity: SEV1 }));
    await w.settle();
    w.clock.advance(minutes(1));
    await w
      .as("bob")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: incident, state: "closed" });
    await w.settle();
    await w.sweep();
    expect(w.sim.issue(FULL, incident)!.labels).toContain("freeze-held");
    expect(titles(d)).toEqual(["Code freeze started on the default branch: Incident #1 (SEV1)"]);
    // alice (write) takes the hold label off: the freeze lifts, and that is when it ended.
    w.clock.advance(minutes(1));
    await removeLabel(w, "alice", incident, "freeze-held");
    await w.settle();
    await w.sweep();
    expect(titles(d)).toEqual([
      "Code freeze started on the default branch: Incident #1 (SEV1)",
      "Code freeze ended on the default branch: Incident #1 (SEV1)",
    ]);
    expect(
      recorded(w, incident)
        .filter((m) => m.startsWith("freeze-"))
        .sort(),
    ).toEqual(["freeze-ended:1", "freeze-started:1"]);
  });

  it("a /freeze (not ended by a close without the role) and a scheduled window are each told once when they start and end, recorded on the freeze issue and the calendar", async () => {
    const { w, d } = await start(mode, { freeze: { approvers: ["dave"], windows: [WINDOW] } });
    const begin = w.clock.now();
    const { data: host } = await w
      .as("alice")
      .rest.issues.create({ owner: "acme", repo: "shop", title: "Migration" });
    await comment(w, "dave", host.number, "/freeze 2026-11-18 09:00 database migration in progress");
    await w.settle();
    const freezeIssue = w.sim.issues(FULL).find((i) => i.labels.includes("code-freeze"))!;
    expect(titles(d)).toEqual([`Code freeze started on main: Manual freeze #${freezeIssue.number}`]);
    // bob (triage) closes it without the role to lift it: the freeze holds, so nothing ended.
    w.clock.advance(minutes(1));
    await w
      .as("bob")
      .rest.issues.update({ owner: "acme", repo: "shop", issue_number: freezeIssue.number, state: "closed" });
    await w.settle();
    await w.sweep();
    expect(w.sim.issue(FULL, freezeIssue.number)!.labels).toContain("freeze-held");
    expect(titles(d)).toHaveLength(1);
    // dave lifts it.
    w.clock.advance(minutes(1));
    await comment(w, "dave", freezeIssue.number, "/unfreeze migration done");
    await w.settle();
    await w.sweep();
    expect(titles(d)).toEqual([
      `Code freeze started on main: Manual freeze #${freezeIssue.number}`,
      `Code freeze ended on main: Manual freeze #${freezeIssue.number}`,
    ]);
    expect(recorded(w, freezeIssue.number).sort()).toEqual(["freeze-ended", "freeze-started"]);

    // The window starts: the scheduled reconcile tells it once, however many reconciles follow.
    w.clock.set(begin + minutes(61));
    await w.sweep();
    await w.sweep();
    // The window ends while two reconcilers run at once: still once.
    w.clock.set(begin + minutes(181));
    if (mode === "app") {
      const replica = await w.replica();
      await Promise.all([w.app?.expedite.sweepAll(), replica.expedite.sweepAll()]);
    } else {
      const payload = { schedule: "*/5 * * * *" };
      await Promise.all([w.runAction("schedule", payload), w.runAction("schedule", payload)]);
    }
    await w.sweep();
    expect(titles(d).slice(2)).toEqual([
      "Code freeze started on main: Launch day",
      "Code freeze ended on main: Launch day",
    ]);
    const calendars = w.sim.issues(FULL).filter((i) => i.title === "Code freeze calendar");
    expect(calendars).toHaveLength(1);
    expect(recorded(w, calendars[0]!.number).sort()).toEqual([
      "freeze-ended:window:launch-day:2026-11-17T16:00:00.000Z",
      "freeze-started:window:launch-day:2026-11-17T16:00:00.000Z",
    ]);
    expect(d.violations).toEqual([]);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("each exception granted, to merge or to deploy, reaches the deployments channel once; a request does not", async () => {
    const { w, d, r } = await start(mode, { freeze: { approvers: ["dave"], windows: [WINDOW] } });
    w.clock.set(w.clock.now() + minutes(61));
    await w.sweep();
    expect(titles(d)).toEqual(["Code freeze started on main: Launch day"]);

    const pull = await openPull(w, "alice", "banner", "Launch banner");
    await w.settle();
    await comment(w, "alice", pull, "/freeze-exception the banner must ship today");
    await w.settle();
    expect(titles(d)).toHaveLength(1);
    await comment(w, "dave", pull, "/freeze-exception copy change only, reviewed");
    await w.settle();
    const head = w.sim.pull(FULL, pull)!.head.sha.slice(0, 7);
    expect(titles(d).at(-1)).toBe(`Freeze exception granted by dave: merge pull request #${pull} (${head})`);
    expect(recorded(w, pull)).toHaveLength(1);

    // A deployment held by the window, and an approver's grant on its hold issue.
    if (mode === "app") w.sim.requestDeployment(FULL, { environment: "production", actor: "alice" });
    else
      await w.runAction(
        "workflow_dispatch",
        { inputs: {}, ref: "refs/heads/main" },
        { INPUT_GATE: "deploy", INPUT_ENVIRONMENT: "production" },
      );
    await w.settle();
    const hold = w.sim.issues(FULL).find((i) => i.labels.includes("deploy-hold"))!;
    await comment(w, "dave", hold.number, "/freeze-exception rollback of the payment client");
    await w.settle();
    await w.sweep();
    await w.sweep();
    const main = w.sim.branchSha(FULL, "main")!.slice(0, 7);
    expect(titles(d)).toEqual([
      "Code freeze started on main: Launch day",
      `Freeze exception granted by dave: merge pull request #${pull} (${head})`,
      `Freeze exception granted by dave: deploy ${main} from main`,
    ]);
    expect(recorded(w, hold.number)).toEqual([
      expect.stringMatching(/^exception-granted:\d+\.1$/) as unknown as string,
    ]);
    const grants = r.webhook.received.filter((m) => m.body.event === "exception-granted");
    expect(grants.map((m) => (m.body.exception as { to: string }).to)).toEqual(["merge", "deploy"]);
    expect(d.violations).toEqual([]);
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe.each<Mode>(["app", "action"])("release announcements to channels (%s mode)", (mode) => {
  it("go to the configured channels once per step, flagged during a freeze, with no tracking-issue announcement", async () => {
    const { w, d, r } = await start(mode, {
      freeze: { windows: [WINDOW] },
      // Here the Slack workspace hears releases only, not freezes.
      deploys: { channels: [] },
      releases: { announce: true, milestone_notice: "3d", channels: ["deployments"] },
      channels: {
        stakeholders: {
          type: "email",
          from: "Releases <releases@shop.example>",
          to: ["support@shop.example"],
          events: ["release-published"],
        },
      },
    });
    const begin = w.clock.now();
    const alice = w.as("alice");
    if (mode === "app") w.sim.setWebhookFaults({ duplicate: "concurrent" });
    const { data: draft } = await alice.rest.repos.createRelease({
      owner: "acme",
      repo: "shop",
      tag_name: "v4.2.0",
      name: "Shop 4.2",
      body: "Faster checkout and a new basket page.",
      draft: true,
    });
    await w.sweep();
    await alice.rest.issues.createMilestone({
      owner: "acme",
      repo: "shop",
      title: "Checkout revamp",
      due_on: new Date(begin + 2 * 86_400_000).toISOString(),
    });
    await w.sweep();
    await w.sweep();
    expect(titles(d)).toEqual([
      "Release drafted: Shop 4.2 (v4.2.0)",
      "Release milestone due: Checkout revamp",
    ]);

    // Published during the window: once, to both channels, flagged.
    w.clock.set(begin + minutes(70));
    await alice.rest.repos.updateRelease({ owner: "acme", repo: "shop", release_id: draft.id, draft: false });
    await w.settle();
    await w.sweep();
    await w.sweep();
    expect(titles(d)).toEqual([
      "Release drafted: Shop 4.2 (v4.2.0)",
      "Release milestone due: Checkout revamp",
      "Released: Shop 4.2 (v4.2.0)",
    ]);
    const published = (d.received[2]?.body.blocks as Array<{ text?: { text?: string } }>)[1]?.text?.text;
    expect(published).toMatch(/code freeze on main: Launch day/);
    // The e-mail channel heard only the published step, its body from the release-announcement template.
    expect(r.mail.messages.map((m) => m.subject)).toEqual(["Released: Shop 4.2 (v4.2.0)"]);
    expect(r.mail.messages[0]?.text).toMatch(/🚀 \*\*Released: Shop 4\.2\*\*/);
    expect(r.mail.messages[0]?.text).toMatch(/This falls during a code freeze/);
    // The tracking issue keeps the records, not announcement comments.
    const trackers = w.sim.issues(FULL).filter((i) => i.labels.includes("release-announcements"));
    expect(trackers).toHaveLength(1);
    const tracker = trackers[0]!.number;
    expect(w.botComments(tracker).some((c) => c.body.startsWith("<!-- expedite:release-announce"))).toBe(
      false,
    );
    expect(recorded(w, tracker)).toHaveLength(3);
    expect(d.violations).toEqual([]);
    expect(w.sim.validationErrors).toEqual([]);
  });
});
