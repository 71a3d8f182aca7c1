import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/core/config/schema.js";
import {
  needsPostmortem,
  postmortemBranch,
  postmortemPath,
  slugify,
} from "../../../src/core/postmortem/postmortemPath.js";
import { config, minimalIncident, richIncident, t } from "./fixtures.js";

describe("slugify", () => {
  it("makes lower-case ascii words and drops the [Incident] tag", () => {
    expect(slugify("[Incident] Checkout is DOWN!!")).toBe("checkout-is-down");
    expect(slugify("[incident]: Café payments — 500s")).toBe("cafe-payments-500s");
    expect(slugify("  [ INCIDENT ] - Search slow  ")).toBe("search-slow");
  });

  it("is never empty", () => {
    expect(slugify("🔥🔥🔥")).toBe("incident");
    expect(slugify("")).toBe("incident");
    expect(slugify("[Incident]")).toBe("incident");
    expect(slugify("日本語のタイトル")).toBe("incident");
  });

  it("stays within 50 characters, cut at a word boundary", () => {
    const slug = slugify("Payments " + "and refunds ".repeat(20) + "fail");
    expect(slug.length).toBeLessThanOrEqual(50);
    expect(slug).toBe("payments-and-refunds-and-refunds-and-refunds-and");
    expect(slugify("x".repeat(80))).toBe("x".repeat(50));
  });
});

describe("postmortemPath and postmortemBranch", () => {
  it("fills the default path with the start date in the team zone", () => {
    // 03:00 UTC on the 25th is still the evening of the 24th in New York.
    const incident = { ...richIncident(), startedAt: t("2026-11-25T03:00:00Z") };
    expect(postmortemPath(incident, config)).toBe(
      "docs/postmortems/2026-11-24-42-checkout-fails-for-cafe-bookings-script-alert-1.md",
    );
    const utc = configSchema.parse({ business_hours: { timezone: "UTC" } });
    expect(postmortemPath(incident, utc)).toMatch(/^docs\/postmortems\/2026-11-25-42-/);
  });

  it("keeps the path of a post-mortem that already exists", () => {
    const incident = {
      ...richIncident(),
      postmortem: {
        number: 120,
        url: "https://x/pull/120",
        state: "open" as const,
        path: "docs/pm/old.md",
        openedAt: 0,
      },
    };
    expect(postmortemPath(incident, config)).toBe("docs/pm/old.md");
  });

  it("follows configured patterns", () => {
    const custom = configSchema.parse({
      postmortem: { path: "pm/{number}/{slug}-{date}-{number}.md", branch: "pm/{number}/draft" },
    });
    const incident = minimalIncident();
    expect(postmortemPath(incident, custom)).toBe("pm/7/incident-2026-11-24-7.md");
    expect(postmortemBranch(incident, custom)).toBe("pm/7/draft");
    expect(postmortemBranch(richIncident(), config)).toBe("expedite/postmortem-42");
  });
});

describe("needsPostmortem", () => {
  it("follows severity.postmortem and skips false alarms", () => {
    expect(needsPostmortem(richIncident(), config)).toBe(true);
    expect(needsPostmortem(minimalIncident(), config)).toBe(false);
    expect(
      needsPostmortem(
        { ...richIncident(), state: "cancelled", cancelledAt: t("2026-11-24T15:00:00Z") },
        config,
      ),
    ).toBe(false);
    const all = configSchema.parse({ severity: { postmortem: [1, 2, 3, 4] } });
    expect(needsPostmortem(minimalIncident(), all)).toBe(true);
  });
});
