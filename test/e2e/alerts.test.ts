import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, minutes } from "../harness/index.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const TOKEN = "alerts-token-for-tests";
const SENTRY_SECRET = "sentry-client-secret-for-tests";
const CONFIG = {
  oncall: { primary: "erin" },
  severity: { postmortem: [] },
  alerts: {
    routes: [{ match: { service: "checkout" }, severity: 1, revenue: true, applications: "Checkout" }],
  },
};

// Payloads follow each source's published field structure (values are our own).
function alertmanager(status: "firing" | "resolved", startsAt: string, endsAt = "0001-01-01T00:00:00Z") {
  const alert = {
    status,
    labels: {
      alertname: "CheckoutErrorRate",
      service: "checkout",
      severity: "warning",
      instance: "web-3:9100",
    },
    annotations: {
      summary: "Checkout 5xx above 5% for 5 minutes",
      description: "The payment step is failing for a share of customers.",
      value: "12.5%",
    },
    startsAt,
    endsAt,
    generatorURL: "https://prometheus.example.test/graph?g0.expr=rate(http_errors%5B5m%5D)",
    fingerprint: "7d3c9f2a11b4e605",
  };
  return {
    version: "4",
    groupKey: '{}:{alertname="CheckoutErrorRate"}',
    truncatedAlerts: 0,
    status,
    receiver: "expedite",
    groupLabels: { alertname: "CheckoutErrorRate" },
    commonLabels: alert.labels,
    commonAnnotations: alert.annotations,
    externalURL: "https://alertmanager.example.test",
    alerts: [alert],
  };
}

function grafana() {
  return {
    receiver: "expedite",
    status: "firing",
    orgId: 1,
    alerts: [
      {
        status: "firing",
        labels: { alertname: "Search latency", team: "search", grafana_folder: "Search" },
        annotations: { summary: "p95 search latency above 2s" },
        startsAt: "2026-11-17T14:55:00Z",
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "https://grafana.example.test/alerting/grafana/abc/view",
        fingerprint: "0a9e8d7c6b5a4f3e",
        silenceURL: "https://grafana.example.test/alerting/silence/new",
        dashboardURL: "https://grafana.example.test/d/search",
        panelURL: "https://grafana.example.test/d/search?viewPanel=4",
        values: { B: 2.73, C: 1 },
        valueString: "[ var='B' labels={} value=2.73 ]",
      },
    ],
    groupLabels: { alertname: "Search latency" },
    commonLabels: { alertname: "Search latency", team: "search" },
    commonAnnotations: {},
    externalURL: "https://grafana.example.test/",
    version: "1",
    groupKey: '{}:{alertname="Search latency"}',
    truncatedAlerts: 0,
    title: "[FIRING:1] Search latency",
    state: "alerting",
    message: "p95 search latency above 2s",
  };
}

function sentryEventAlert() {
  return {
    action: "triggered",
    actor: { id: "sentry", name: "Sentry", type: "application" },
    data: {
      event: {
        event_id: "4f1c2b7d9e8a4c3b",
        issue_id: "88112233",
        title: "TypeError: cart.total is undefined",
        url: "https://sentry.example.test/api/0/projects/acme/shop/events/4f1c2b7d9e8a4c3b/",
        web_url: "https://sentry.example.test/organizations/acme/issues/88112233/events/4f1c2b7d9e8a4c3b/",
        issue_url: "https://sentry.example.test/api/0/issues/88112233/",
        level: "error",
        culprit: "cart/summary in render",
        datetime: "2026-11-17T14:58:00Z",
        environment: "production",
        tags: [
          ["environment", "production"],
          ["release", "shop@4.2.0"],
        ],
      },
      triggered_rule: "New errors in checkout",
      issue_alert: { title: "New errors in checkout", settings: [] },
    },
    installation: { uuid: "0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b" },
  };
}

async function post(
  w: World,
  source: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
  base = w.app!.url,
) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const res = await fetch(`${base}/expedite/alerts/${source}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: raw,
  });
  return {
    status: res.status,
    json: (await res.json()) as { message: string; results?: Array<{ action: string; incident?: number }> },
  };
}

function sentryHeaders(raw: string, resource: string, secret = SENTRY_SECRET) {
  return {
    "sentry-hook-resource": resource,
    "sentry-hook-timestamp": "1763391480",
    "sentry-hook-signature": createHmac("sha256", secret).update(raw).digest("hex"),
    "request-id": "d0c1e2f3-a4b5-4c6d-8e7f-90a1b2c3d4e5",
  };
}

const alertIssues = (w: World) => w.sim.issues(FULL).filter((i) => i.labels.includes("alert"));
const openIncidents = (w: World) =>
  alertIssues(w).filter((i) => i.state === "open" && i.labels.includes("incident"));

describe("incidents from alerts (App endpoint)", () => {
  it("opens one incident per alert with its evidence, whatever the duplicates and bursts, and records repeats and resolutions on it", async () => {
    world = await World.start({
      mode: "app",
      config: CONFIG,
      alerts: { token: TOKEN, sentrySecret: SENTRY_SECRET, repository: FULL },
    });
    const w = world;

    // A burst of the same delivery, all at once: exactly one incident.
    const burst = await Promise.all(
      Array.from({ length: 5 }, () =>
        post(w, "alertmanager", alertmanager("firing", "2026-11-17T14:50:00Z")),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(burst.filter((r) => r.json.results?.[0]?.action === "opened")).toHaveLength(1);
    await w.settle();
    expect(openIncidents(w)).toHaveLength(1);
    const incident = openIncidents(w)[0]!;
    expect(incident.user).toBe(w.bot);
    expect(incident.labels).toEqual(
      expect.arrayContaining(["incident", "sev:1", "impact:revenue", "incident:declared"]),
    );
    expect(incident.title).toMatch(/CheckoutErrorRate/);
    expect(incident.body).toMatch(/What fired:\*\* CheckoutErrorRate/);
    expect(incident.body).toMatch(/Value:\*\* 12\.5%/);
    expect(incident.body).toMatch(/\[graph\]\(https:\/\/prometheus\.example\.test\/graph/);
    expect(incident.body).toMatch(/### Applications impacted\n\nCheckout/);
    // The incident is a real one: board, clocks (it started when the alert did).
    expect(w.board(incident.number)).toMatch(/SEV1/);
    expect(w.board(incident.number)).toMatch(/14:50 UTC/);

    // The same occurrence again (Alertmanager's repeat_interval) adds nothing.
    w.sim.clearLog();
    expect(
      (await post(w, "alertmanager", alertmanager("firing", "2026-11-17T14:50:00Z"))).json.results?.[0]
        ?.action,
    ).toBe("unchanged");
    expect(w.sim.writes()).toEqual([]);

    // A resolution that overtakes nothing is recorded once, even if delivered twice out of order with a re-fire.
    w.clock.advance(minutes(10));
    const resolved = alertmanager("resolved", "2026-11-17T14:50:00Z", "2026-11-17T15:05:00Z");
    const refire = alertmanager("firing", "2026-11-17T15:07:00Z");
    await Promise.all([
      post(w, "alertmanager", refire),
      post(w, "alertmanager", resolved),
      post(w, "alertmanager", resolved),
    ]);
    await w.settle();
    expect(openIncidents(w)).toHaveLength(1);
    const evidence = w
      .botComments(incident.number)
      .filter((c) => c.body.startsWith("<!-- expedite:alert-evidence"));
    expect(evidence.filter((c) => c.body.includes("**resolved**"))).toHaveLength(1);
    expect(evidence.filter((c) => c.body.includes("**fired again**"))).toHaveLength(1);
    // Resolving the alert does not resolve the incident: people do.
    expect(w.labels(incident.number)).toContain("incident:declared");
    expect(w.board(incident.number)).toMatch(/alert resolved: CheckoutErrorRate/);

    // Other sources: Grafana (values, dashboard) and a signed Sentry issue alert, then Sentry's resolution.
    const g = await post(w, "grafana", grafana());
    expect(g.json.results?.[0]?.action).toBe("opened");
    const grafanaIncident = w.sim.issue(FULL, g.json.results![0]!.incident!)!;
    expect(grafanaIncident.body).toMatch(/B=2\.73/);
    expect(grafanaIncident.body).toMatch(/\[dashboard\]\(https:\/\/grafana\.example\.test\/d\/search\)/);
    expect(grafanaIncident.labels).toContain("sev:3"); // no route, no severity label: the default

    const raw = JSON.stringify(sentryEventAlert());
    const s = await post(w, "sentry", raw, sentryHeaders(raw, "event_alert"));
    expect(s.status).toBe(200);
    const sentryIncident = w.sim.issue(FULL, s.json.results![0]!.incident!)!;
    expect(sentryIncident.body).toMatch(/TypeError: cart\.total is undefined/);
    expect(sentryIncident.body).toMatch(/error in Sentry/);
    const resolvedIssue = JSON.stringify({
      action: "resolved",
      actor: { id: 7, name: "Dana", type: "user" },
      data: {
        issue: {
          id: "88112233",
          title: "TypeError: cart.total is undefined",
          web_url: "https://sentry.example.test/organizations/acme/issues/88112233/",
          project: { id: "2", name: "shop", slug: "shop" },
          status: "resolved",
        },
      },
      installation: { uuid: "0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b" },
    });
    expect(
      (await post(w, "sentry", resolvedIssue, sentryHeaders(resolvedIssue, "issue"))).json.results?.[0]
        ?.action,
    ).toBe("resolved");
    await w.settle();
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("refuses what it cannot trust or read, and creates nothing", async () => {
    world = await World.start({
      mode: "app",
      config: {
        ...CONFIG,
        alerts: { routes: [{ match: { service: "search" }, repository: "acme/elsewhere" }] },
      },
      alerts: { token: TOKEN, sentrySecret: SENTRY_SECRET, repository: FULL },
    });
    const w = world;
    const body = alertmanager("firing", "2026-11-17T14:50:00Z");
    expect((await post(w, "alertmanager", body, {})).status).toBe(401);
    expect((await post(w, "alertmanager", body, { authorization: "Bearer wrong" })).status).toBe(401);
    const raw = JSON.stringify(sentryEventAlert());
    expect((await post(w, "sentry", raw, sentryHeaders(raw, "event_alert", "not-the-secret"))).status).toBe(
      401,
    );
    // Signed, but the body was changed on the way.
    expect(
      (await post(w, "sentry", raw.replace("cart.total", "cart.sum"), sentryHeaders(raw, "event_alert")))
        .status,
    ).toBe(401);

    const malformed = await post(w, "alertmanager", { status: "firing", alerts: [{ labels: {} }] });
    expect(malformed.status).toBe(400);
    expect(malformed.json.message).toMatch(/alerts\.0\.status/);
    expect((await post(w, "alertmanager", "{not json")).status).toBe(400);
    const generic = await post(w, "generic", { fingerprint: "x", status: "firing" });
    expect(generic.status).toBe(400);
    expect(generic.json.message).toMatch(/title/);
    expect((await post(w, "nagios", {})).status).toBe(404);

    // Routed to a repository Expedite is not installed on: refused before anything is written.
    const search = alertmanager("firing", "2026-11-17T14:50:00Z");
    search.alerts[0]!.labels.service = "search";
    const unroutable = await post(w, "alertmanager", search);
    expect(unroutable.status).toBe(422);
    expect(unroutable.json.message).toMatch(/acme\/elsewhere/);

    await w.settle();
    expect(w.sim.issues(FULL)).toEqual([]);
    expect(w.sim.validationErrors).toEqual([]);
  });

  it("two replicas receiving the same new alert at once leave one incident", async () => {
    world = await World.start({
      mode: "app",
      config: CONFIG,
      alerts: { token: TOKEN, sentrySecret: SENTRY_SECRET, repository: FULL },
    });
    const w = world;
    const other = await w.replica();
    const generic = {
      fingerprint: "synthetic-checkout-probe",
      status: "firing",
      title: "Synthetic checkout probe failing",
      summary: "3 of 3 probe regions fail at the payment step",
      labels: { service: "checkout" },
      value: "0/3 regions passing",
      started_at: "2026-11-17T14:59:00Z",
      links: [{ title: "probe", url: "https://probes.example.test/checkout" }],
    };
    const answers = await Promise.all([
      post(w, "generic", generic),
      post(w, "generic", generic, undefined, other.url),
      post(w, "generic", generic),
      post(w, "generic", generic, undefined, other.url),
    ]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await w.settle();
    await other.expedite.queue.idle();
    expect(openIncidents(w)).toHaveLength(1);
    // Any twin opened in the race is closed, no longer an incident, and points at the one that stays.
    for (const twin of alertIssues(w).filter((i) => i.number !== openIncidents(w)[0]!.number)) {
      expect(twin.state).toBe("closed");
      expect(twin.labels).not.toContain("incident");
    }
    expect(w.sim.validationErrors).toEqual([]);
  });
});

describe("incidents from alerts (Action, repository_dispatch)", () => {
  it("opens the incident with its board in the same run, once, and refuses a malformed payload", async () => {
    world = await World.start({ mode: "action", config: CONFIG });
    const w = world;
    const dispatch = (client_payload: unknown) =>
      w.runAction("repository_dispatch", {
        action: "expedite-alert",
        branch: "main",
        client_payload,
        repository: {
          name: "shop",
          owner: { login: "acme" },
          default_branch: "main",
          html_url: "https://github.com/acme/shop",
        },
        sender: { login: "alice" },
      });
    const first = await dispatch({
      source: "alertmanager",
      payload: alertmanager("firing", "2026-11-17T14:50:00Z"),
    });
    expect(first.code).toBe(0);
    expect(openIncidents(w)).toHaveLength(1);
    const incident = openIncidents(w)[0]!;
    expect(incident.user).toBe(w.bot);
    expect(w.board(incident.number)).toMatch(/SEV1/);
    expect(
      (await dispatch({ source: "alertmanager", payload: alertmanager("firing", "2026-11-17T14:50:00Z") }))
        .code,
    ).toBe(0);
    expect(alertIssues(w)).toHaveLength(1);

    const bad = await dispatch({ source: "alertmanager", payload: { alerts: [] } });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/Alert refused/);
    const unknown = await dispatch({ source: "pagerduty", payload: {} });
    expect(unknown.code).not.toBe(0);
    expect(alertIssues(w)).toHaveLength(1);
    expect(w.sim.validationErrors).toEqual([]);
  });
});
