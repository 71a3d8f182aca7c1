// The demo's script: the real Expedite App server against the bundled GitHub simulator, playing one
// incident from declaration to post-mortem. No credentials, no network: everything runs on loopback,
// including local stand-ins for Slack, Teams, PagerDuty, a signed webhook and an SMTP server. Every comment
// and push a person makes goes through the narrator, which prints exactly what is sent.
import { World, FULL, formBody, minutes, openIncident, SEV1, startReceivers } from "../test/harness/index.js";
import { Narrator } from "./narrator.js";
import type { Out } from "./narrator.js";
import { Outside } from "./outside.js";

export interface DemoResult {
  /** No OpenAPI/webhook-schema mismatch and no format violation at any receiver. */
  ok: boolean;
}

/** Plays the demo, writing the transcript to `out`; `inspect` sees the world before it closes. */
export async function playDemo(out: Out, inspect?: (world: World) => Promise<void>): Promise<DemoResult> {
  const receivers = await startReceivers();
  const config = {
    stakeholders: { application: "Shop" },
    channels: {
      chat: { type: "slack" },
      leadership: { type: "teams", events: ["declared", "escalation", "resolved"] },
      pager: { type: "pagerduty", events_url: receivers.pagerduty.url },
      audit: { type: "webhook", events: ["declared", "acknowledged", "resolved", "postmortem-merged"] },
      stakeholders: {
        type: "email",
        from: "Shop incidents <incidents@shop.example>",
        to: ["support@shop.example", "partners@shop.example"],
      },
    },
    oncall: { primary: "erin", secondary: "frank" },
    acknowledge: { notify: ["@acme/incident-managers"] },
    escalation: {
      ladders: [
        {
          name: "revenue",
          when: { revenue: true, no_workaround: true },
          steps: [
            {
              after: "30m",
              notify: ["@acme/tech-leads"],
              note: "Revenue is hit and there is no workaround: tech leads join.",
            },
            { after: "2h", notify: ["@cto"], note: "Two hours without a workaround: the CTO takes over." },
            { after: "3h", notify: ["@ceo"], note: "Three hours: the CTO brings in the CEO." },
          ],
        },
      ],
    },
    freeze: { approvers: ["dave"] },
    postmortem: { reviewers: ["frank"] },
  };

  // The channels' addresses and keys come from the environment, as in production, never from the config.
  const world = await World.start({ mode: "app", config, channelEnv: receivers.env });
  const w = world;
  const say = new Narrator(w, out);
  const outside = new Outside(receivers, out);
  try {
    out("Expedite demo: the real Probot server, signed webhooks, and a GitHub simulator on " + w.sim.url);

    say.scene("1. Declaring the incident with the issue form");
    say.clock("Tuesday morning in New York");
    say.person(
      "alice",
      "opens an issue with the incident form: checkout card payments fail (SEV1, revenue affected)",
    );
    const incident = await openIncident(
      w,
      "alice",
      "[Incident] Card payments fail at checkout",
      formBody({
        Summary: "Every card payment at checkout answers 500 since about 09:50.",
        Severity: SEV1,
        "Applications impacted": "checkout-web, payments-api",
        "Business / customer impact": "Customers cannot pay by card; orders are being lost",
        Evidence: "Error tracker: 1,200 PaymentGatewayError in 10 minutes; support has 14 calls",
        "Revenue affected": "Yes",
        "Steps to reproduce": "Add any item to the basket and pay by card",
        "When did it start?": "",
      }),
    );
    await w.settle();
    say.report([incident]);
    outside.report();
    say.show("status board", w.board(incident) ?? "", 40);

    say.scene("2. Nobody answers for 16 minutes");
    w.clock.advance(minutes(16));
    say.clock("16 minutes later, the scheduled reconcile runs");
    await w.sweep();
    say.report([incident]);
    outside.report();

    say.scene("3. Responders take roles and post an update");
    await say.types("bob", incident, "/ack on it, looking at the payment gateway\n/comms @dave");
    w.clock.advance(minutes(3));
    await say.types("bob", incident, "/update Gateway returns 502s for card traffic; failing over next 30m");
    await w.settle();
    say.report([incident]);
    outside.report();

    say.scene("4. A refused command");
    say.person("carol", "has read access only");
    await say.types("carol", incident, "/resolve fixed");
    await w.settle();
    say.report([incident]);
    outside.report();

    say.scene("5. Thirty minutes in without a workaround: escalation");
    w.clock.advance(minutes(12));
    say.clock("31 minutes after the start");
    await w.sweep();
    say.report([incident]);
    outside.report();
    const escalation = w
      .botComments(incident)
      .find((c) => c.body.startsWith("<!-- expedite:notice type=escalation"));
    if (escalation) say.show("escalation notice", escalation.body);

    say.scene("6. The SEV1 freezes merges; the hotfix gets through");
    say.pushes(
      "alice",
      "new-banner",
      { "src/banner.ts": "export const banner = 'Sale';\n" },
      "a sale banner",
    );
    const feature = (
      await w.as("alice").rest.pulls.create({
        owner: "acme",
        repo: "shop",
        head: "new-banner",
        base: "main",
        title: "Add a sale banner",
      })
    ).data.number;
    say.person(
      "alice",
      `opens pull request #${feature} "Add a sale banner" from \`new-banner\` (an unrelated feature)`,
    );
    say.pushes(
      "bob",
      "hotfix-gateway",
      { "src/gateway.ts": "export const tls = 'renewed';\n" },
      "the certificate fix",
    );
    const hotfixBody = `Refs #${incident}: renews the expired certificate.`;
    const hotfix = (
      await w.as("bob").rest.pulls.create({
        owner: "acme",
        repo: "shop",
        head: "hotfix-gateway",
        base: "main",
        title: "Renew the gateway certificate",
        body: hotfixBody,
      })
    ).data.number;
    say.person("bob", `opens pull request #${hotfix} "Renew the gateway certificate": ${hotfixBody}`);
    await w.settle();
    say.report([feature, hotfix]);

    say.scene("7. Workaround, then resolution");
    w.clock.advance(minutes(10));
    await say.types("bob", incident, "/mitigate Card traffic moved to the backup gateway");
    await w.settle();
    say.report([incident, feature]);
    outside.report();
    say.person("dave", `merges the hotfix #${hotfix}`);
    await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: hotfix });
    w.clock.advance(minutes(25));
    await say.types(
      "bob",
      incident,
      "/resolve The gateway's TLS certificate expired; renewed it, moved traffic back, and errors are at zero",
    );
    await w.settle();
    say.report([incident, feature]);
    outside.report();
    say.show("status board", w.board(incident) ?? "", 90);
    const notice = receivers.mail.messages.filter((m) => /Production Outage/.test(m.subject ?? "")).at(-1);
    if (notice) say.show(`e-mail "${notice.subject ?? ""}" (text part)`, notice.text ?? "", 30);

    say.scene("8. The post-mortem pull request");
    const pull = [...Array(20).keys()]
      .map((n) => w.sim.pull(FULL, n + 1))
      .find((p) => p?.head.ref.startsWith("expedite/postmortem-"));
    if (!pull) throw new Error("the post-mortem pull request was not opened");
    out(
      `   🤖 opened pull request #${pull.number} "${pull.title}" on ${pull.head.ref}, reviewers: ${pull.requested_reviewers.join(", ")}`,
    );
    const path = /docs\/postmortems\/[^\s)`]+\.md/.exec(pull.body ?? "")?.[0] ?? "";
    const doc = w.sim.file(FULL, pull.head.ref, path) ?? "";
    say.show(path, doc, 400);

    say.scene("9. The review merges; follow-ups are opened");
    const edited = doc.replace(
      /## Action items[\s\S]*$/,
      "## Action items\n\n- [x] Renew the gateway certificate\n- [ ] Alert 30 days before any certificate expires\n- [ ] Rehearse the gateway fail-over every quarter\n",
    );
    say.pushes(
      "bob",
      pull.head.ref,
      { [path]: edited },
      "after the review, the action items: one done, two to follow up",
    );
    await w.settle();
    say.person("dave", `merges the post-mortem #${pull.number}`);
    await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: pull.number });
    await w.settle();
    say.report([incident]);
    outside.report();
    for (const issue of w.sim.issues(FULL).filter((i) => i.labels.includes("incident-followup"))) {
      out(`   🤖 follow-up #${issue.number}: ${issue.title}`);
    }
    out(
      `\nIncident #${incident} is ${w.sim.issue(FULL, incident)?.state}. ${w.sim.requests.length} API requests, ${w.sim.deliveries.length} signed webhooks, ${w.sim.validationErrors.length} OpenAPI/webhook-schema mismatches.`,
    );
    out(
      `Outside GitHub: ${receivers.slack.received.length} Slack, ${receivers.teams.received.length} Teams, ${receivers.pagerduty.received.length} PagerDuty, ${receivers.webhook.received.length} webhook and ${receivers.mail.messages.length} e-mail messages, ${outside.violations} format violations.`,
    );
    await inspect?.(w);
    return { ok: w.sim.validationErrors.length === 0 && outside.violations === 0 };
  } finally {
    await world.close();
    await receivers.close();
  }
}
