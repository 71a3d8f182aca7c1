import { afterEach, describe, expect, it } from "vitest";
import {
  World,
  FULL,
  formBody,
  minutes,
  comment,
  openIncident,
  SEV1,
  SEV3,
  startReceivers,
} from "../harness/index.js";
import type { Mode } from "../harness/index.js";

const TIMELINE = "/repos/{owner}/{repo}/issues/{issue_number}/timeline";

let world: World | undefined;
let receivers: Awaited<ReturnType<typeof startReceivers>> | undefined;
afterEach(async () => {
  await world?.close();
  await receivers?.close();
  world = undefined;
  receivers = undefined;
});

const FORM = formBody({
  Summary: "Card payments fail at checkout with a 500",
  Severity: SEV1,
  "Applications impacted": "checkout-web, payments-api",
  "Business / customer impact": "Customers cannot pay by card; orders are lost",
  "Revenue affected": "Yes",
});

function channelsConfig(pagerdutyUrl: string) {
  return {
    severity: { postmortem: [] },
    stakeholders: { application: "Shop" },
    channels: {
      chat: { type: "slack" },
      leadership: { type: "teams", events: ["declared", "resolved"] },
      pager: { type: "pagerduty", events_url: pagerdutyUrl },
      audit: { type: "webhook", events: ["declared", "acknowledged", "resolved"] },
      stakeholders: {
        type: "email",
        from: "Expedite <incidents@shop.example>",
        to: ["support@shop.example", "partners@shop.example"],
      },
    },
  };
}

/** What each Slack message was about: its header. */
const slackTitles = (r: NonNullable<typeof receivers>) =>
  r.slack.received.map((m) =>
    ((m.body.blocks as Array<{ text?: { text?: string } }>)[0]?.text?.text ?? "").replace(/:.*/, ""),
  );

describe.each<Mode>(["app", "action"])("channels (%s mode)", (mode) => {
  it("the lifecycle sends exactly the routed messages, once each, in each service's format", async () => {
    receivers = await startReceivers();
    const r = receivers;
    world = await World.start({ mode, config: channelsConfig(r.pagerduty.url), channelEnv: r.env });
    const w = world;
    const number = await openIncident(w, "alice", "[Incident] Checkout card payments failing", FORM);
    await w.settle();
    w.clock.advance(minutes(4));
    await comment(w, "bob", number, "/ack on it");
    await w.settle();
    w.clock.advance(minutes(5));
    await comment(w, "bob", number, "/update Failing over to the backup gateway next 30m");
    await w.settle();
    w.clock.advance(minutes(10));
    await comment(w, "bob", number, "/mitigate Card traffic switched to the backup provider");
    await w.settle();
    w.clock.advance(minutes(30));
    await comment(
      w,
      "bob",
      number,
      "/resolve The gateway's TLS certificate expired; renewed it and moved traffic back",
    );
    await w.settle();
    // Scheduled reconciles afterwards find nothing more to send.
    await w.sweep();
    await w.sweep();

    for (const receiver of [r.slack, r.teams, r.pagerduty, r.webhook])
      expect(receiver.violations).toEqual([]);
    expect(slackTitles(r)).toEqual([
      "[SEV1] Incident #1 declared",
      "[SEV1] Incident #1 acknowledged by bob",
      "[SEV1] Incident #1 update",
      "[SEV1] Incident #1 has a workaround",
      "[SEV1] Incident #1 resolved",
    ]);
    expect(r.teams.received).toHaveLength(2);
    // PagerDuty: one alert for the incident, triggered, acknowledged and resolved under one dedup_key.
    expect(r.pagerduty.received.map((m) => m.body.event_action)).toEqual([
      "trigger",
      "acknowledge",
      "resolve",
    ]);
    expect(new Set(r.pagerduty.received.map((m) => m.body.dedup_key))).toEqual(
      new Set([`expedite/${FULL}#1`]),
    );
    expect((r.pagerduty.received[0]?.body.payload as { severity: string }).severity).toBe("critical");
    expect(r.webhook.received.map((m) => m.body.event)).toEqual(["declared", "acknowledged", "resolved"]);

    // E-mail: the incident report, the stakeholder notice at the start and at the end, the end-of-incident
    // message — one thread.
    const mails = r.mail.messages;
    expect(mails.map((m) => m.subject)).toEqual([
      "Incident report: [Incident] Checkout card payments failing (SEV1)",
      "Shop Production Outage 11-17-2026",
      "Incident over: [Incident] Checkout card payments failing (SEV1)",
      "Shop Production Outage 11-17-2026",
    ]);
    const root = mails[0]?.messageId;
    expect(root).toMatch(/^<expedite\..*@shop\.example>$/);
    for (const mail of mails.slice(1)) {
      expect(mail.inReplyTo).toBe(root);
      expect([mail.references].flat()).toContain(root);
    }
    for (const envelope of r.mail.envelopes)
      expect(envelope.to.sort()).toEqual(["partners@shop.example", "support@shop.example"]);
    const notice = mails[3];
    for (const row of [
      "Applications impacted",
      "Business impact",
      "Incident start",
      "Incident end",
      "Current status",
      "Resolution",
    ])
      expect(notice?.html).toMatch(new RegExp(`<td><strong>${row}</strong></td>`));
    expect(notice?.text).toMatch(/Incident end\*\* \| 2026-11-17 15:49 UTC/);
    expect(notice?.text).toMatch(/Resolution\*\* \| The gateway's TLS certificate expired/);
    expect(mails[1]?.text).toMatch(/Incident end\*\* \| Ongoing/);

    // The board says where each message went; the records on the issue are bot-owned comments.
    const board = w.board(number) ?? "";
    expect(board).toMatch(/### Beyond GitHub/);
    expect(board).toMatch(/Slack `chat`: ✅ delivered/);
    expect(board).toMatch(/PagerDuty `pager`: ✅ delivered/);
    expect(board).not.toMatch(/not delivered/);
    // Nothing secret reached GitHub.
    for (const c of w.sim.comments(FULL, number)) {
      expect(c.body).not.toContain(r.routingKey);
      expect(c.body).not.toContain("/services/T000");
      expect(c.body).not.toContain(r.mail.password);
    }
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("duplicated deliveries and two reconcilers at once send nothing twice", async () => {
    receivers = await startReceivers();
    const r = receivers;
    world = await World.start({ mode, config: channelsConfig(r.pagerduty.url), channelEnv: r.env });
    const w = world;
    w.sim.setWebhookFaults({ duplicate: "concurrent", reorderWindow: 3 });
    const number = await openIncident(w, "alice", "[Incident] Checkout down", FORM);
    await w.settle();
    w.clock.advance(minutes(2));
    await comment(w, "bob", number, "/ack");
    await w.settle();
    // Two reconcilers at once: two App replicas sweeping together, or two Action runs started together. A
    // barrier holds their timeline reads until both have asked, so both read the update unsent and both claim
    // it: the race is forced, not left to timing. The comment's own webhook is lost, so only these two
    // reconcilers pick the update up.
    w.clock.advance(minutes(3));
    w.sim.setWebhookFaults({ dropRate: 1 });
    await comment(w, "bob", number, "/update Still looking at the gateway");
    await w.sim.deliveriesIdle();
    w.sim.setWebhookFaults({ duplicate: "concurrent", reorderWindow: 3 });
    w.sim.addFault({ method: "GET", route: TIMELINE, barrier: 2 });
    const before = w.sim.requests.length;
    if (mode === "app") {
      const replica = await w.replica();
      await Promise.all([w.app?.expedite.sweepAll(), replica.expedite.sweepAll()]);
    } else {
      const payload = { schedule: "*/5 * * * *" };
      await Promise.all([w.runAction("schedule", payload), w.runAction("schedule", payload)]);
    }
    await w.settle();
    await w.sweep();
    const during = w.sim.requests.slice(before);
    expect(during.filter((q) => q.fault === "barrier 2")).toHaveLength(2);
    const claims = during.filter(
      (q) => q.method === "POST" && String((q.body as { body?: string })?.body).includes("message=update"),
    );
    // Both claimed; the older claim won, the other was withdrawn.
    expect(claims).toHaveLength(2);
    expect(slackTitles(r)).toEqual([
      "[SEV1] Incident #1 declared",
      "[SEV1] Incident #1 acknowledged by bob",
      "[SEV1] Incident #1 update",
    ]);
    expect(r.pagerduty.received.map((m) => m.body.event_action)).toEqual(["trigger", "acknowledge"]);
    expect(r.mail.messages).toHaveLength(2);
    // One record per message remains, none of them a claim left "sending".
    const records = w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:delivery"));
    const messages = records.map((c) => decodeURIComponent(/message=([^ ]+)/.exec(c.body)?.[1] ?? ""));
    expect(messages.filter((m) => m.startsWith("update:"))).toHaveLength(1);
    expect(new Set(messages).size).toBe(messages.length);
    for (const record of records) expect(record.body).not.toMatch(/sending since/);
  });

  it("a failing channel is retried with back-off, shown on the board, and delivered once; labels never wait for it", async () => {
    receivers = await startReceivers();
    const r = receivers;
    world = await World.start({ mode, config: channelsConfig(r.pagerduty.url), channelEnv: r.env });
    const w = world;
    const start = w.clock.now();
    r.slack.failures.push(
      { status: 404, body: "channel_not_found" },
      { status: 404, body: "channel_not_found" },
    );
    r.mail.refusals.push(451);
    const number = await openIncident(w, "alice", "[Incident] Checkout down", FORM);
    await w.settle();
    expect(w.labels(number)).toContain("incident:declared");
    expect(w.board(number)).toMatch(
      /Slack `chat`: ⚠️ not delivered — HTTP 404 channel_not_found, retrying after 2026-11-17 15:01 UTC/,
    );
    expect(w.board(number)).toMatch(/E-mail `stakeholders`: ⚠️ not delivered — SMTP 451/);
    expect(r.pagerduty.received).toHaveLength(1);

    // Before the back-off ends nothing is sent again; after it, the second try fails too, then one succeeds.
    w.clock.set(start + 30_000);
    await w.sweep();
    expect(r.slack.attempts).toBe(1);
    w.clock.set(start + minutes(1));
    await w.sweep();
    expect(r.slack.attempts).toBe(2);
    expect(w.board(number)).toMatch(/retrying after 2026-11-17 15:03 UTC/);
    w.clock.set(start + minutes(3));
    await w.sweep();
    await w.sweep();
    expect(slackTitles(r)).toEqual(["[SEV1] Incident #1 declared"]);
    expect(r.slack.attempts).toBe(3);
    expect(r.mail.messages.map((m) => m.subject)).toEqual([
      "Shop Production Outage 11-17-2026",
      "Incident report: [Incident] Checkout down (SEV1)",
    ]);
    expect(r.pagerduty.received).toHaveLength(1);
    expect(w.board(number)).not.toMatch(/not delivered/);
    // One record per message, the latest attempt's.
    const records = w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:delivery"));
    expect(records).toHaveLength(3);
  });

  it("an address pasted into the config is refused without repeating it", async () => {
    const pasted = "https://hooks.slack.com/services/T0001/B0001/abcdefghijklmnop";
    world = await World.start({
      mode,
      config: { channels: { chat: { type: "slack", url: pasted } } },
    });
    const w = world;
    const number = await openIncident(
      w,
      "alice",
      "[Incident] Something",
      formBody({ Summary: "x", Severity: SEV3 }),
    );
    await w.settle();
    const report = w.botComments(number).find((c) => c.body.includes("expedite:config-error"));
    expect(report?.body).toMatch(/channels\.chat\.url/);
    expect(report?.body).toMatch(/EXPEDITE_CHANNEL_CHAT/);
    for (const c of w.sim.comments(FULL, number)) expect(c.body).not.toContain("abcdefghijklmnop");
    for (const run of w.actionRuns) {
      expect(run.stdout + run.stderr + run.summary).not.toContain("abcdefghijklmnop");
    }
  });

  it("the 24-hour stakeholder-notice clock: shown on the board, one reminder to the communicator, /announce sends the current notice once", async () => {
    receivers = await startReceivers();
    const r = receivers;
    const config = channelsConfig(r.pagerduty.url);
    // Nothing sends the notice by itself here: the communicator must.
    (config.channels.stakeholders as { events?: string[] }).events = ["incident-report"];
    world = await World.start({ mode, config, channelEnv: r.env });
    const w = world;
    const start = w.clock.now();
    const number = await openIncident(w, "alice", "[Incident] Checkout down", FORM);
    await w.settle();
    await comment(w, "bob", number, "/comms @dave");
    await w.settle();
    expect(w.board(number)).toMatch(
      /\| \*\*Stakeholder notice\*\* \| due by 2026-11-18 15:00 UTC .*`\/announce` sends it \|/,
    );
    const reminders = () =>
      w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:notice type=stakeholder"));

    w.clock.set(start + minutes(24 * 60 - 1));
    await w.sweep();
    expect(reminders()).toHaveLength(0);
    w.clock.set(start + minutes(24 * 60 + 1));
    await w.sweep();
    await w.sweep();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.body).toMatch(/@dave .*`\/announce`/);
    expect(w.board(number)).toMatch(/Stakeholder notice\*\* \| 🚨 \*\*overdue\*\*/);
    expect(r.mail.messages.map((m) => m.subject)).toEqual([
      "Incident report: [Incident] Checkout down (SEV1)",
    ]);

    // A channel that does not exist is refused with the ones that do; then the notice goes out once.
    await comment(w, "dave", number, "/announce customers");
    await w.settle();
    expect(w.botComments(number).some((c) => /No channel named `customers`/.test(c.body))).toBe(true);
    w.clock.advance(minutes(5));
    await comment(w, "dave", number, "/update Backup gateway carries all card traffic next 1h");
    await comment(w, "dave", number, "/announce");
    await w.settle();
    await w.sweep();
    await w.sweep();
    const notices = r.mail.messages.filter((m) => /Production Outage/.test(m.subject ?? ""));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.subject).toBe("Shop Production Outage 11-17-2026");
    // The current version: the latest update is in it.
    expect(notices[0]?.text).toMatch(
      /Current status\*\* \| 2026-11-18 15:06 UTC.*Backup gateway carries all card traffic/,
    );
    expect(notices[0]?.inReplyTo).toBe(r.mail.messages[0]?.messageId);
    expect(w.board(number)).toMatch(
      /Stakeholder notice\*\* \| ✅ sent 2026-11-18 15:06 UTC .* to `stakeholders`/,
    );
    expect(reminders()).toHaveLength(1);
  });
});
