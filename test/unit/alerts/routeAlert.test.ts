import { describe, expect, it } from "vitest";
import { parseAlerts } from "../../../src/core/alerts/parseAlerts.js";
import { routeAlert } from "../../../src/core/alerts/routeAlert.js";
import type { Alert } from "../../../src/core/alerts/types.js";
import { configSchema } from "../../../src/core/config/schema.js";

const alert = (labels: Record<string, string>, source: Alert["source"] = "alertmanager"): Alert => ({
  source,
  fingerprint: `${source}:1`,
  occurrence: "t",
  status: "firing",
  title: "x",
  labels,
  links: [],
});

describe("routeAlert", () => {
  const config = configSchema.parse({
    alerts: {
      routes: [
        { match: { service: "checkout", env: "prod*" }, severity: 1, revenue: true, repository: "acme/shop" },
        { source: "sentry", severity: 2 },
      ],
    },
  });

  it("takes the first route whose labels all match", () => {
    expect(routeAlert(alert({ service: "checkout", env: "prod-eu" }), config)).toMatchObject({
      repository: "acme/shop",
      severity: 1,
      revenue: true,
      route: 0,
    });
    // One label missing: not that route.
    expect(routeAlert(alert({ service: "checkout" }), config).route).toBeUndefined();
    expect(routeAlert(alert({}, "sentry"), config)).toMatchObject({ severity: 2, route: 1 });
  });

  it("falls back to the alert's severity label, then to the default severity", () => {
    expect(routeAlert(alert({ severity: "Critical" }), config).severity).toBe(1);
    expect(routeAlert(alert({ severity: "warning" }), config).severity).toBe(3);
    expect(routeAlert(alert({ severity: "whatever" }), config).severity).toBe(3);
    expect(routeAlert(alert({}), configSchema.parse({ severity: { default: 2 } })).severity).toBe(2);
  });
});

describe("parseAlerts", () => {
  it("takes Alertmanager's fingerprint, or derives a stable one from the labels", () => {
    const body = (fingerprint?: string) => ({
      status: "firing",
      alerts: [
        {
          status: "firing",
          labels: { b: "2", a: "1" },
          startsAt: "2026-11-17T14:50:00Z",
          endsAt: "0001-01-01T00:00:00Z",
          ...(fingerprint ? { fingerprint } : {}),
        },
      ],
    });
    const given = parseAlerts("alertmanager", body("abc"));
    expect(given.ok && given.alerts[0]?.fingerprint).toBe("alertmanager:abc");
    const one = parseAlerts("alertmanager", body());
    const two = parseAlerts("alertmanager", {
      ...body(),
      alerts: [{ ...body().alerts[0], labels: { a: "1", b: "2" } }],
    });
    expect(one.ok && two.ok && one.alerts[0]?.fingerprint === two.alerts[0]?.fingerprint).toBe(true);
    expect(one.ok && one.alerts[0]?.endsAt).toBeUndefined();
  });

  it("says what is wrong with a payload, and ignores Sentry changes it does not record", () => {
    const bad = parseAlerts("grafana", { status: "firing", alerts: [] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/no alerts/);
    const unknownResource = parseAlerts("sentry", {}, "comment");
    expect(!unknownResource.ok && unknownResource.error).toMatch(/comment/);
    const assigned = parseAlerts(
      "sentry",
      { action: "assigned", data: { issue: { id: "1", title: "t" } } },
      "issue",
    );
    expect(assigned.ok && assigned.alerts).toEqual([]);
    const extra = parseAlerts("generic", { fingerprint: "f", title: "t", colour: "red" });
    expect(!extra.ok && extra.error).toMatch(/colour/);
  });

  it("keeps only http(s) links", () => {
    const parsed = parseAlerts("generic", {
      fingerprint: "f",
      title: "t",
      links: [
        { title: "ok", url: "https://example.test/a" },
        { title: "bad", url: "javascript:alert(1)" },
      ],
    });
    expect(parsed.ok && parsed.alerts[0]?.links).toEqual([{ title: "ok", url: "https://example.test/a" }]);
  });
});
