// `npm run demo`: the real Expedite App server against the bundled GitHub simulator, playing one
// incident from declaration to post-mortem. No credentials, no network: everything runs on loopback,
// including local stand-ins for Slack, Teams, PagerDuty, a signed webhook and an SMTP server.
import { World, FULL, formBody, minutes } from "../test/e2e/support/world.js";
import { comment, openIncident, SEV1 } from "../test/e2e/support/people.js";
import { startReceivers } from "../test/e2e/support/receivers.js";
import { Narrator } from "./narrator.js";
import { Outside } from "./outside.js";

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
const say = new Narrator(w);
const outside = new Outside(receivers);
try {
  console.log(
    "Expedite demo: the real Probot server, signed webhooks, and a GitHub simulator on " + w.sim.url,
  );

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
  say.person("bob", "types `/ack on it` and `/comms @dave`");
  await comment(w, "bob", incident, "/ack on it, looking at the payment gateway\n/comms @dave");
  w.clock.advance(minutes(3));
  say.person("bob", "types `/update Gateway returns 502s; failing over next 30m`");
  await comment(w, "bob", incident, "/update Gateway returns 502s for card traffic; failing over next 30m");
  await w.settle();
  say.report([incident]);
  outside.report();

  say.scene("4. A refused command");
  say.person("carol (read access)", "types `/resolve fixed`");
  await comment(w, "carol", incident, "/resolve fixed");
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
  w.sim.pushCommit({
    repo: FULL,
    branch: "new-banner",
    files: { "src/banner.ts": "export const banner = 'Sale';\n" },
    author: "alice",
  });
  const feature = (
    await w.as("alice").rest.pulls.create({
      owner: "acme",
      repo: "shop",
      head: "new-banner",
      base: "main",
      title: "Add a sale banner",
    })
  ).data.number;
  say.person("alice", `opens pull request #${feature} (an unrelated feature)`);
  w.sim.pushCommit({
    repo: FULL,
    branch: "hotfix-gateway",
    files: { "src/gateway.ts": "export const tls = 'renewed';\n" },
    author: "bob",
  });
  const hotfix = (
    await w.as("bob").rest.pulls.create({
      owner: "acme",
      repo: "shop",
      head: "hotfix-gateway",
      base: "main",
      title: "Renew the gateway certificate",
      body: `Refs #${incident}: renews the expired certificate.`,
    })
  ).data.number;
  say.person("bob", `opens pull request #${hotfix} "Renew the gateway certificate" (Refs #${incident})`);
  await w.settle();
  say.report([feature, hotfix]);

  say.scene("7. Workaround, then resolution");
  w.clock.advance(minutes(10));
  say.person("bob", "types `/mitigate Card traffic moved to the backup gateway`");
  await comment(w, "bob", incident, "/mitigate Card traffic moved to the backup gateway");
  await w.settle();
  say.report([incident, feature]);
  outside.report();
  await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: hotfix });
  say.person("dave", `merges the hotfix #${hotfix}`);
  w.clock.advance(minutes(25));
  say.person(
    "bob",
    "types `/resolve The gateway's TLS certificate expired; renewed it and moved traffic back`",
  );
  await comment(
    w,
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
  console.log(
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
  w.sim.pushCommit({ repo: FULL, branch: pull.head.ref, files: { [path]: edited }, author: "bob" });
  await w.settle();
  await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: pull.number });
  say.person("dave", `merges the post-mortem #${pull.number}`);
  await w.settle();
  say.report([incident]);
  outside.report();
  for (const issue of w.sim.issues(FULL).filter((i) => i.labels.includes("incident-followup"))) {
    console.log(`   🤖 follow-up #${issue.number}: ${issue.title}`);
  }
  console.log(
    `\nIncident #${incident} is ${w.sim.issue(FULL, incident)?.state}. ${w.sim.requests.length} API requests, ${w.sim.deliveries.length} signed webhooks, ${w.sim.validationErrors.length} OpenAPI/webhook-schema mismatches.`,
  );
  console.log(
    `Outside GitHub: ${receivers.slack.received.length} Slack, ${receivers.teams.received.length} Teams, ${receivers.pagerduty.received.length} PagerDuty, ${receivers.webhook.received.length} webhook and ${receivers.mail.messages.length} e-mail messages, ${outside.violations} format violations.`,
  );
  if (w.sim.validationErrors.length > 0 || outside.violations > 0) process.exitCode = 1;
} finally {
  await world.close();
  await receivers.close();
}
