import type { startReceivers } from "../test/harness/index.js";
import type { Out } from "./narrator.js";

type Receivers = Awaited<ReturnType<typeof startReceivers>>;

/** Prints what each local stand-in for Slack, Teams, PagerDuty, the webhook and SMTP received since last time. */
export class Outside {
  readonly #seen = { slack: 0, teams: 0, pagerduty: 0, webhook: 0, mail: 0 };
  constructor(
    private readonly r: Receivers,
    private readonly out: Out,
  ) {}

  report(): void {
    const { r } = this;
    for (const m of r.slack.received.slice(this.#seen.slack)) {
      const header = (m.body.blocks as Array<{ text?: { text?: string } }>)[0]?.text?.text ?? "";
      this.out(`   💬 Slack (Block Kit, ${(m.body.blocks as unknown[]).length} blocks): ${header}`);
    }
    for (const m of r.teams.received.slice(this.#seen.teams)) {
      const card = (m.body.attachments as Array<{ content: { body: Array<{ text?: string }> } }>)[0]?.content;
      this.out(`   💬 Teams (Adaptive Card): ${card?.body[0]?.text ?? ""}`);
    }
    for (const m of r.pagerduty.received.slice(this.#seen.pagerduty)) {
      const summary = (m.body.payload as { summary?: string; severity?: string } | undefined) ?? {};
      this.out(
        `   📟 PagerDuty: ${String(m.body.event_action)} dedup_key=${String(m.body.dedup_key)}${summary.summary ? ` — ${summary.severity}: ${summary.summary}` : ""}`,
      );
    }
    for (const m of r.webhook.received.slice(this.#seen.webhook)) {
      this.out(
        `   🔗 Webhook (signature verified): ${String(m.body.event)} — delivery ${String(m.headers["x-expedite-delivery"])}`,
      );
    }
    r.mail.messages.slice(this.#seen.mail).forEach((mail, i) => {
      const to = r.mail.envelopes[this.#seen.mail + i]?.to.join(", ") ?? "";
      this.out(
        `   ✉️  E-mail to ${to}: "${mail.subject ?? ""}"${mail.inReplyTo ? " (in the incident's thread)" : " (starts the incident's thread)"}`,
      );
    });
    const violations = [r.slack, r.teams, r.pagerduty, r.webhook].flatMap((x) => x.violations);
    for (const v of violations) this.out(`   ❌ format violation: ${v}`);
    this.#seen.slack = r.slack.received.length;
    this.#seen.teams = r.teams.received.length;
    this.#seen.pagerduty = r.pagerduty.received.length;
    this.#seen.webhook = r.webhook.received.length;
    this.#seen.mail = r.mail.messages.length;
  }

  get violations(): number {
    return [this.r.slack, this.r.teams, this.r.pagerduty, this.r.webhook].flatMap((x) => x.violations).length;
  }
}
