import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import type { Config } from "../../../src/core/config/schema.js";
import { planMessages, retryDelay, CLAIM_STALE_MS } from "../../../src/core/channels/planMessages.js";
import { claimWinner } from "../../../src/core/channels/deliveryRecord.js";
import type { Delivery } from "../../../src/core/channels/types.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";
import { signatureOf, slackMessage, slackEscape } from "../../../src/channels/formats.js";
import { channelSecrets, parseChannelSecretsInput } from "../../../src/channels/channelSecrets.js";
import { makeIncident, HOUR, MINUTE } from "../clocks/makeIncident.js";

function config(raw: Record<string, unknown>): Config {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const CHANNELS = {
  channels: {
    chat: { type: "slack" },
    pager: { type: "pagerduty" },
    mail: { type: "email", from: "Ops <ops@example.com>", to: ["all@example.com"] },
  },
};
const T0 = Date.parse("2026-06-05T14:00:00Z");
const input = (
  incident = makeIncident({ severity: 1 }),
  deliveries = new Map<string, Delivery>(),
  now = T0 + MINUTE,
) => ({
  incident,
  config: config(CHANNELS),
  templates: bundledTemplates(),
  now,
  repository: "acme/shop",
  deliveries,
});

function delivery(
  message: string,
  event: Delivery["event"],
  channels: Delivery["channels"],
  attempt = 1,
): Delivery {
  return {
    message,
    event,
    attempt,
    nonce: "n",
    claimedAt: T0,
    title: message,
    channels,
    commentId: 100 + attempt,
  };
}

describe("planMessages", () => {
  it("routes a SEV1 declaration to chat, the pager (trigger) and e-mail (report and notice, one thread)", () => {
    const planned = planMessages(input());
    expect(planned.map((p) => [p.message, p.channels])).toEqual([
      ["declared", ["chat", "pager"]],
      ["incident-report", ["mail"]],
      ["stakeholder-notice:declared", ["mail"]],
    ]);
    expect(planned[0]?.content.pagerduty).toEqual({ action: "trigger", dedupKey: "expedite/acme/shop#42" });
    const [report, notice] = [planned[1]?.content.email, planned[2]?.content.email];
    expect(report?.inReplyTo).toBeUndefined();
    expect(notice?.inReplyTo).toBe(report?.messageId);
    expect(planned[2]?.content.title).toBe("shop Production Outage 06-05-2026");
  });

  it("pages only the severities the pager hears, and plans nothing without channels", () => {
    expect(planMessages(input(makeIncident({ severity: 3 }))).map((p) => p.channels)).toEqual([
      ["chat"],
      ["mail"],
    ]);
    expect(planMessages({ ...input(), config: config({}) })).toEqual([]);
  });

  it("never plans a recorded message again; retries only failed channels after their back-off", () => {
    const failed = delivery("declared", "declared", {
      chat: { state: "failed", at: T0, reason: "HTTP 404 channel_not_found", retryAt: T0 + 2 * MINUTE },
      pager: { state: "delivered", at: T0 },
    });
    const others = [
      delivery("incident-report", "incident-report", { mail: { state: "delivered", at: T0 } }),
      delivery("stakeholder-notice:declared", "stakeholder-notice", { mail: { state: "delivered", at: T0 } }),
    ];
    const recorded = new Map([failed, ...others].map((d) => [d.message, d]));
    expect(planMessages(input(undefined, recorded, T0 + MINUTE))).toEqual([]);
    const retry = planMessages(input(undefined, recorded, T0 + 2 * MINUTE));
    expect(
      retry.map((p) => [p.message, p.attempt, p.channels, Object.keys(p.carried), p.predecessor]),
    ).toEqual([["declared", 2, ["chat"], ["pager"], 101]]);
  });

  it("does not repeat an unknown outcome, except to PagerDuty, whose dedup_key makes a repeat harmless", () => {
    const unknown = delivery("declared", "declared", {
      chat: { state: "unknown", at: T0, reason: "no answer in time" },
      pager: { state: "sending", at: T0 },
    });
    const recorded = new Map([[unknown.message, unknown]]);
    const soon = planMessages(input(undefined, recorded, T0 + CLAIM_STALE_MS - 1)).find(
      (p) => p.message === "declared",
    );
    expect(soon).toBeUndefined();
    const later = planMessages(input(undefined, recorded, T0 + CLAIM_STALE_MS)).find(
      (p) => p.message === "declared",
    );
    expect(later?.channels).toEqual(["pager"]);
  });

  it("resolves every pager that was triggered, and sends nothing about events a day old when first seen", () => {
    const triggered = delivery("declared", "declared", { pager: { state: "delivered", at: T0 } });
    const incident = makeIncident({
      severity: 1,
      state: "resolved",
      resolvedAt: T0 + HOUR,
      resolution: { at: T0 + HOUR, by: "bob", text: "Renewed the certificate" },
    });
    const resolved = planMessages(
      input(incident, new Map([["declared", triggered]]), T0 + HOUR + MINUTE),
    ).find((p) => p.message === "resolved");
    expect(resolved?.channels).toEqual(["chat", "pager"]);
    expect(resolved?.content.pagerduty?.action).toBe("resolve");
    expect(planMessages(input(incident, new Map(), T0 + 26 * HOUR)).map((p) => p.message)).toEqual([]);
  });

  it("backs off 1, 2, 4 … minutes, at most an hour", () => {
    expect([1, 2, 3, 4, 10].map(retryDelay)).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, HOUR]);
  });
});

describe("claimWinner", () => {
  it("the oldest claim of this attempt or later wins; the replaced record and older attempts do not count", () => {
    expect(
      claimWinner(
        [
          { id: 7, attempt: 1 },
          { id: 5, attempt: 1 },
        ],
        1,
        undefined,
      )?.id,
    ).toBe(5);
    // Retrying attempt 1 (record 3): a stray older claim of attempt 1 does not block attempt 2.
    expect(
      claimWinner(
        [
          { id: 3, attempt: 1 },
          { id: 4, attempt: 1 },
          { id: 9, attempt: 2 },
        ],
        2,
        3,
      )?.id,
    ).toBe(9);
    // A late claim for attempt 1 loses to an attempt 2 that already exists.
    expect(
      claimWinner(
        [
          { id: 9, attempt: 2 },
          { id: 12, attempt: 1 },
        ],
        1,
        undefined,
      )?.id,
    ).toBe(9);
  });
});

describe("secrets", () => {
  it("refuses addresses, keys and passwords in the config without repeating them", () => {
    const hook = "https://hooks.slack.com/services/T1/B1/zzzzzzzzzzzz";
    for (const raw of [
      { channels: { chat: { type: "slack", url: hook } } },
      { channels: { pager: { type: "pagerduty", routing_key: "abc" } } },
      { channels: { mail: { type: "email", from: "a@b.co", to: ["c@d.co"], password: "hunter22" } } },
      { stakeholders: { application: hook } },
      { channels: { pager: { type: "pagerduty", events_url: "https://u:p@events.example.com/v2/enqueue" } } },
    ]) {
      const parsed = parseConfig(raw);
      expect(parsed.ok).toBe(false);
      const text = JSON.stringify(parsed);
      expect(text).not.toContain("zzzzzzzzzzzz");
      expect(text).not.toContain("hunter22");
      expect(text).toMatch(/EXPEDITE_CHANNEL_|Secrets never go in this file/);
    }
  });

  it("a ladder step or the acknowledgement notice naming an undefined channel is an error", () => {
    const parsed = parseConfig({ acknowledge: { channels: ["nope"] } });
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toMatch(/no channel named \\"nope\\"/);
  });

  it("reads the Action's channel-secrets input and redacts what it handed out", () => {
    const named = parseChannelSecretsInput(
      "chat: https://hooks.example/abc123\n# comment\naudit.secret: s3cr3t-value\n",
    );
    const secrets = channelSecrets(() => undefined, named);
    expect(secrets.address("chat")).toBe("https://hooks.example/abc123");
    expect(secrets.signingSecret("audit")).toBe("s3cr3t-value");
    expect(secrets.redact("failed at https://hooks.example/abc123 with s3cr3t-value")).toBe(
      "failed at [secret] with [secret]",
    );
  });
});

describe("formats", () => {
  it("signs like GitHub: sha256= and the hex HMAC of the exact body", () => {
    const body = '{"a":1}';
    expect(signatureOf(body, "k")).toBe(`sha256=${createHmac("sha256", "k").update(body).digest("hex")}`);
  });

  it("keeps Slack within its limits and escapes control characters people typed", () => {
    const [planned] = planMessages(
      input(makeIncident({ severity: 1, title: `<!channel> ${"x".repeat(400)}` })),
    );
    const message = slackMessage(planned!.content);
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    // Plain text (the header) is shown as typed; every mrkdwn text escapes Slack's control characters.
    expect(header).toMatchObject({ text: { type: "plain_text" } });
    const rest = JSON.stringify([message.text, ...message.blocks.slice(1)]);
    for (const control of ["<!channel>", "<!here>", "<@U123>"]) expect(rest).not.toContain(control);
    expect(slackEscape("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });
});
