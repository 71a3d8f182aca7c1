// Golden files: every text Expedite posts for one fixed incident, so a template or wording change shows up
// as a diff in review. When a change alters rendered text on purpose, run `npx vitest run test/golden -u`
// and commit the updated files under test/golden/__golden__/ with the change that caused them.
import { describe, expect, it } from "vitest";
import { Lifecycle, minutes } from "./lifecycle.js";
import { renderSummary } from "../../src/core/plan/renderSummary.js";
import { pullRequestHelp } from "../../src/core/plan/pullRequestHelp.js";
import { formatTime } from "../../src/core/time/formatTime.js";
import { parseConfig } from "../../src/core/config/parseConfig.js";
import { planNews } from "../../src/core/channels/planMessages.js";
import { manualFreezeOccasions } from "../../src/core/channels/freezeOccasions.js";
import { grantOccasion } from "../../src/core/channels/grantOccasion.js";
import { planAnnouncements } from "../../src/core/releases/planAnnouncements.js";
import type { Occasion } from "../../src/core/channels/occasions.js";

const HOUR = 60;
const DAY = 24 * HOUR;

function run(): Lifecycle {
  const l = new Lifecycle();
  l.label("alice", "incident", minutes(0));
  l.reconcile("declared", minutes(0));

  l.comment("bob", "/help", minutes(3));
  l.comment("carol", "/ack looking", minutes(4));
  l.comment("bob", "/sev 9\n/impact maybe", minutes(5));
  l.reconcile("help and refusals", minutes(6));

  l.reconcile("acknowledgement deadline passed", minutes(16));

  l.comment("alice", "/ack checking the payment gateway logs\n/comms @bob", minutes(18));
  l.reconcile("acknowledged", minutes(18));

  l.comment("bob", "/update Gateway returns 502s for card traffic; failing over next 20m", minutes(22));
  l.reconcile("first update", minutes(22));

  l.reconcile("escalated", minutes(31));
  l.reconcile("update reminder", minutes(43));

  l.label("dave", "incident:mitigated", minutes(48));
  l.reconcile("mitigated by hand", minutes(48));

  l.comment(
    "bob",
    "/mitigate Card traffic switched to the backup provider\n/note @everyone the backup provider charges 2% more <b>for now</b>",
    minutes(50),
  );
  l.reconcile("workaround", minutes(50));

  l.comment(
    "bob",
    "/update Backup provider is taking all card payments; orders are flowing again",
    minutes(60),
  );
  l.reconcile("update without a next time", minutes(60));

  l.comment(
    "alice",
    "/resolve The gateway's TLS certificate expired; renewed it, moved traffic back, error rate is normal",
    minutes(95),
  );
  l.reconcile("resolved, post-mortem opened", minutes(95));

  l.reconcile("post-mortem merged", minutes(2 * DAY), { mergedAt: minutes(2 * DAY - 10) });
  l.reconcile("nothing left to do", minutes(2 * DAY + 5));
  return l;
}

const l = run();
const zone = l.config.business_hours.timezone;
const heading = (name: string, at: number) => `<!-- ${name} · ${formatTime(at, zone)} -->`;

function section(title: string, body: string | undefined): string {
  return `${title}\n\n${body ?? "(none)"}\n`;
}

describe("rendered text for one incident (golden files)", () => {
  it("board after every reconcile that rewrote it", async () => {
    const parts = l.steps.flatMap((s) => {
      const write = s.plan.comments.find((c) => c.identity === "board");
      return write ? [section(heading(s.name, s.at), write.body)] : [];
    });
    await expect(parts.join("\n")).toMatchFileSnapshot("./__golden__/board.md");
  });

  it("checklist after every reconcile that rewrote it", async () => {
    const parts = l.steps.flatMap((s) => {
      const write = s.plan.comments.find((c) => c.identity === "checklist");
      return write ? [section(heading(s.name, s.at), write.body)] : [];
    });
    await expect(parts.join("\n")).toMatchFileSnapshot("./__golden__/checklist.md");
  });

  it("clock notices", async () => {
    const notices = [...l.posted].filter(([identity]) => identity.startsWith("notice:"));
    expect(notices.length).toBeGreaterThanOrEqual(3); // ack breach, escalation, update reminder
    await expect(
      notices.map(([identity, body]) => section(`<!-- ${identity} -->`, body)).join("\n"),
    ).toMatchFileSnapshot("./__golden__/notices.md");
  });

  it("replies to refused commands and notes on gaps", async () => {
    const replies = [...l.posted].filter(
      ([identity, body]) =>
        (identity.startsWith("reply:") || identity.startsWith("gap:")) &&
        !body.includes("here is what I understand"),
    );
    expect(replies.length).toBeGreaterThanOrEqual(4); // bad severity, bad impact, no permission, gap, nudge
    await expect(
      replies.map(([identity, body]) => section(`<!-- ${identity} -->`, body)).join("\n"),
    ).toMatchFileSnapshot("./__golden__/replies.md");
  });

  it("/help on an incident and on a pull request", async () => {
    const help = [...l.posted].find(([, body]) => body.includes("here is what I understand"));
    expect(help).toBeDefined();
    const onPull = pullRequestHelp("bob");
    await expect(
      [section("<!-- on an incident -->", help?.[1]), section("<!-- on a pull request -->", onPull)].join(
        "\n",
      ),
    ).toMatchFileSnapshot("./__golden__/help.md");
  });

  it("post-mortem document, pull request and follow-up issues", async () => {
    const pm = l.postmortem;
    expect(pm?.link.state).toBe("merged");
    const followups = l.followups();
    await expect(
      [
        section(`<!-- ${pm?.link.path} -->`, pm?.document),
        section("<!-- pull request body -->", pm?.prBody),
        ...followups.map((f) => section(`<!-- follow-up: ${f.title} -->`, f.body)),
        section("<!-- shared on the incident when it merged -->", l.posted.get("postmortem-shared")),
      ].join("\n"),
    ).toMatchFileSnapshot("./__golden__/postmortem.md");
  });

  it("summary of an incident that closes without a post-mortem", async () => {
    const resolved = l.steps.find((s) => s.name === "resolved, post-mortem opened");
    expect(resolved).toBeDefined();
    // The same incident at a severity the config closes with a summary instead of a post-mortem.
    const incident = { ...resolved!.projection.incident, severity: 3 as const };
    await expect(renderSummary(l.templates.summary, incident, l.config)).toMatchFileSnapshot(
      "./__golden__/summary.md",
    );
  });

  it("every plan: labels, assignees, reactions, comment writes, deletions, close", async () => {
    const plans = l.steps.map((s) => ({
      step: s.name,
      at: new Date(s.at).toISOString(),
      state: s.projection.incident.state,
      labels: s.plan.labels,
      assign: s.plan.assign,
      react: s.plan.react,
      comments: s.plan.comments.map(
        (c) => `${c.id === undefined ? "create" : `update ${c.id}`} ${c.identity}`,
      ),
      deleteComments: s.plan.deleteComments,
      ...(s.plan.close ? { close: s.plan.close } : {}),
    }));
    // The last reconcile finds nothing to do.
    const last = l.steps.at(-1)!.plan;
    expect(last.comments).toEqual([]);
    expect(last.labels).toEqual({ add: [], remove: [] });
    await expect(`${JSON.stringify(plans, null, 2)}\n`).toMatchFileSnapshot("./__golden__/plans.json");
  });

  it("messages beyond GitHub about freezes, exceptions and releases", async () => {
    const parsed = parseConfig({
      channels: { deployments: { type: "slack", events: [] } },
      deploys: { channels: ["deployments"] },
      releases: { announce: true },
      business_hours: { timezone: "America/New_York" },
    });
    if (!parsed.ok) throw new Error("config");
    const config = parsed.config;
    const opened = Date.parse("2026-11-17T15:00:00Z");
    const now = opened + 3 * 3_600_000;
    const freeze = {
      number: 7,
      url: "https://github.com/acme/shop/issues/7",
      reason: "database migration <b>in progress</b> @everyone",
      until: opened + 2 * 3_600_000,
      branches: [],
      openedBy: "dave",
      openedAt: opened,
    };
    const grant = grantOccasion(config, "1234.1", opened + 30 * 60_000, {
      to: "deploy",
      by: "dave",
      reason: "rollback of the payment client, reviewed",
      sha: "a".repeat(40),
      branch: "main",
      number: 9,
      url: "https://github.com/acme/shop/issues/9",
      freezes: ["Manual freeze #7"],
    });
    const [release] = planAnnouncements({
      now,
      config,
      template: l.templates["release-announcement"],
      defaultBranch: "main",
      releases: [
        {
          id: 1,
          tag: "v4.2.0",
          name: "Shop 4.2",
          url: "https://github.com/acme/shop/releases/tag/v4.2.0",
          body: "Faster checkout.",
          draft: false,
          target: "main",
          createdAt: opened,
          publishedAt: opened + 3_600_000,
        },
      ],
      milestones: [],
      freezeIssues: [freeze],
      incidents: [],
    });
    const occasions: Occasion[] = [
      ...manualFreezeOccasions(freeze, config, "main", now),
      grant,
      { ...release!.occasion, channels: ["deployments"] },
    ];
    const planned = planNews({
      occasions,
      config,
      templates: l.templates,
      now,
      repository: "acme/shop",
      number: 7,
      url: freeze.url,
      deliveries: new Map(),
    });
    expect(planned.map((p) => p.message)).toEqual([
      "freeze-started",
      "freeze-ended",
      "exception-granted:1234.1",
      "release-published:1",
    ]);
    await expect(
      planned
        .map((p) =>
          section(
            `<!-- ${p.message} -->`,
            [`# ${p.content.title}`, "", p.content.summary, "", p.content.body.trim()].join("\n"),
          ),
        )
        .join("\n"),
    ).toMatchFileSnapshot("./__golden__/news.md");
  });
});
