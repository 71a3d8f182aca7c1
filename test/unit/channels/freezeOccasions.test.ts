import { describe, expect, it } from "vitest";
import {
  incidentFreezeOccasions,
  manualFreezeOccasions,
  scheduledFreezeOccasions,
} from "../../../src/core/channels/freezeOccasions.js";
import { planNews } from "../../../src/core/channels/planMessages.js";
import { freezesHeard, releasesHeard } from "../../../src/core/channels/heard.js";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import type { Config } from "../../../src/core/config/schema.js";
import type { FreezeIssue } from "../../../src/core/freeze/types.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";
import { at, incident } from "../freeze/helpers.js";

function config(raw: Record<string, unknown>): Config {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const CHANNELS = {
  channels: {
    deploys: { type: "slack", events: [] },
    chat: { type: "slack", severities: [1] },
    pager: { type: "pagerduty" },
  },
  deploys: { channels: ["deploys"] },
};

const MANUAL: FreezeIssue = {
  number: 7,
  url: "https://github.com/acme/shop/issues/7",
  reason: "database migration",
  until: at("2026-03-03T09:00:00Z"),
  branches: [],
  openedBy: "dave",
  openedAt: at("2026-03-02T15:00:00Z"),
};

describe("freeze occasions", () => {
  it("one start and one end per incident freeze, each named by its place among the incident's freezes", () => {
    const occasions = incidentFreezeOccasions(
      incident({
        freezePeriods: [
          { startedAt: at("2026-03-02T14:00:00Z"), endedAt: at("2026-03-02T15:00:00Z") },
          { startedAt: at("2026-03-02T16:00:00Z") },
        ],
      }),
      config(CHANNELS),
    );
    expect(occasions.map((o) => [o.message, o.channels])).toEqual([
      ["freeze-started:1", ["deploys"]],
      ["freeze-ended:1", ["deploys"]],
      ["freeze-started:2", ["deploys"]],
    ]);
  });

  it("a /freeze ends when its issue closes or when its end time passes, whichever comes first", () => {
    const cfg = config(CHANNELS);
    const open = manualFreezeOccasions(MANUAL, cfg, "main", at("2026-03-02T16:00:00Z"));
    expect(open.map((o) => o.message)).toEqual(["freeze-started"]);
    const lapsed = manualFreezeOccasions(MANUAL, cfg, "main", at("2026-03-03T10:00:00Z"));
    expect(lapsed.map((o) => [o.message, o.at])).toEqual([
      ["freeze-started", MANUAL.openedAt],
      ["freeze-ended", MANUAL.until],
    ]);
    const closed = manualFreezeOccasions(
      { ...MANUAL, closedAt: at("2026-03-02T18:00:00Z") },
      cfg,
      "main",
      at("2026-03-03T10:00:00Z"),
    );
    expect(closed.at(-1)?.at).toBe(at("2026-03-02T18:00:00Z"));
  });

  it("a scheduled window's start and end fall in the range they happened in, named by the occurrence", () => {
    const cfg = config({
      ...CHANNELS,
      business_hours: { timezone: "UTC" },
      freeze: { windows: [{ name: "Launch day", start: "2026-03-02T11:00", end: "2026-03-02T13:00" }] },
    });
    const key = "window:launch-day:2026-03-02T11:00:00.000Z";
    expect(
      scheduledFreezeOccasions(cfg, "main", at("2026-03-02T10:00:00Z"), at("2026-03-02T12:00:00Z")).map(
        (o) => o.message,
      ),
    ).toEqual([`freeze-started:${key}`]);
    expect(
      scheduledFreezeOccasions(cfg, "main", at("2026-03-02T12:00:00Z"), at("2026-03-02T14:00:00Z")).map(
        (o) => o.message,
      ),
    ).toEqual([`freeze-ended:${key}`]);
  });

  it("routes to the deployments channel and to channels listing the event, never to PagerDuty, whatever the severity filters", () => {
    const cfg = config({
      ...CHANNELS,
      channels: {
        ...CHANNELS.channels,
        chat: { type: "slack", severities: [1], events: ["freeze-started"] },
      },
    });
    const now = at("2026-03-02T16:00:00Z");
    const planned = planNews({
      occasions: manualFreezeOccasions(MANUAL, cfg, "main", now),
      config: cfg,
      templates: bundledTemplates(),
      now,
      repository: "acme/shop",
      number: MANUAL.number,
      url: MANUAL.url,
      deliveries: new Map(),
    });
    expect(planned.map((p) => [p.message, p.channels])).toEqual([["freeze-started", ["chat", "deploys"]]]);
    const content = planned[0]!.content;
    expect(content.title).toBe("Code freeze started on main: Manual freeze #7");
    expect(content.incident).toBeUndefined();
    expect(content.freeze).toMatchObject({ kind: "manual", branches: ["main"], url: MANUAL.url });
    expect(content.source).toEqual({ repository: "acme/shop", number: 7 });
  });

  it("nothing hears freezes or releases unless a channel is named for them or lists their events", () => {
    expect(freezesHeard(config({ channels: { chat: { type: "slack" } } }))).toBe(false);
    expect(freezesHeard(config(CHANNELS))).toBe(true);
    expect(releasesHeard(config(CHANNELS))).toBe(false);
    expect(
      releasesHeard(config({ channels: { chat: { type: "slack", events: ["release-published"] } } })),
    ).toBe(true);
  });

  it("refuses a deployments or release channel that is not defined, or is PagerDuty", () => {
    const refused = parseConfig({ ...CHANNELS, deploys: { channels: ["pager", "nowhere"] } });
    expect(refused.ok).toBe(false);
    const messages = refused.ok ? [] : refused.problems.map((p) => `${p.key}: ${p.message}`);
    expect(messages.join("\n")).toMatch(/deploys\.channels\.0: .*PagerDuty/);
    expect(messages.join("\n")).toMatch(/deploys\.channels\.1: no channel named "nowhere"/);
  });
});
