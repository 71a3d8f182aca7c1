// 1. API calls per event: a full incident lifecycle and the freeze scenarios, each step next to its floor.
import {
  World,
  FULL,
  PEOPLE,
  formBody,
  minutes,
  comment,
  openIncident,
  SEV1,
} from "../../test/harness/index.js";
import type { Mode } from "../../test/harness/index.js";
import { byExpedite, summarize } from "../lib/requests.js";
import type { RequestSummary } from "../lib/requests.js";
import { snapshot, writeFloor } from "../lib/stateDiff.js";
import type { WriteFloor } from "../lib/stateDiff.js";
import { addCounts, excessByRoute } from "../lib/excess.js";

const PEOPLE_LOGINS = new Set(Object.keys(PEOPLE));

export interface StepResult {
  step: string;
  kind: "event" | "sweep";
  /** Webhook deliveries in the step: sent by people, and by the bot's own writes (skipped by Expedite). */
  deliveries: { human: number; bot: number };
  requests: RequestSummary;
  floor: { reads: number; writes: number; total: number; units: WriteFloor["units"] };
  /** (reads + writes) / floor; 304s, auth and label set-up are not counted. */
  ratio: number;
  /** Requests beyond the floor, by route. */
  excess: Record<string, number>;
}

export interface ScenarioResult {
  scenario: string;
  mode: Mode;
  /** Action mode: whether each run had the default branch's `.github/` checked out (the shipped workflow). */
  checkout: boolean;
  steps: StepResult[];
  totals: {
    reads: number;
    writes: number;
    conditional: number;
    auth: number;
    setup: number;
    floor: number;
    ratio: number;
  };
  /** Requests beyond the floor over the whole scenario, by route. */
  excess: Record<string, number>;
  /** OpenAPI problems the simulator saw (should be 0). */
  validationErrors: number;
}

interface StepOptions {
  /** For sweeps: whether a pass over open pull requests is due (a freeze boundary), for the floor. */
  prPass?: boolean;
}

class Recorder {
  readonly steps: StepResult[] = [];
  constructor(readonly w: World) {}

  /** A person acts; Expedite handles the resulting webhooks (App) or workflow runs (Action). */
  async event(step: string, act: () => Promise<unknown>): Promise<void> {
    await this.#measure(step, "event", act, {});
  }

  /** The scheduled reconcile. */
  async sweep(step: string, options: StepOptions = {}): Promise<void> {
    await this.#measure(step, "sweep", undefined, options);
  }

  async #measure(
    step: string,
    kind: "event" | "sweep",
    act: (() => Promise<unknown>) | undefined,
    options: StepOptions,
  ): Promise<void> {
    const { w } = this;
    await w.settle();
    // Hold deliveries until the state the person left is recorded, so the floor counts only the bot.
    if (w.mode === "app") w.sim.pauseWebhooks();
    const d0 = w.sim.deliveries.length;
    if (act) await act();
    // The bot answers a moment after the person, as on GitHub.
    w.clock.advance(1000);
    const before = snapshot(w.sim, FULL);
    const openIncidents = w.sim
      .issues(FULL)
      .filter((i) => i.state === "open" && !i.pull_request && i.labels.includes("incident")).length;
    const openPulls = w.sim.issues(FULL).filter((i) => i.state === "open" && i.pull_request).length;
    const r0 = w.sim.requests.length;
    if (w.mode === "app") w.sim.resumeWebhooks();
    if (kind === "sweep") await w.sweep();
    else await w.settle();
    const mine = byExpedite(w.sim.requests.slice(r0), PEOPLE_LOGINS);
    const requests = summarize(mine);
    // BENCH_TRACE=1 prints every request Expedite made in each step, to see where a ratio comes from.
    if (process.env.BENCH_TRACE) {
      console.log(`\n[${w.mode}] ${step}`);
      for (const r of mine) {
        const q = new URLSearchParams(r.query).toString();
        console.log(`  ${r.status} ${r.method} ${r.path}${q ? `?${q}` : ""}`);
      }
    }
    const after = snapshot(w.sim, FULL);
    const floorWrites = writeFloor(before, after, w.bot);
    const deliveries = w.sim.deliveries.slice(d0);
    const human = deliveries.filter((d) => !isBot(d.payload)).length;
    // One read of state per event; a sweep must list its repositories (App), its open incidents, and at a
    // freeze boundary its open pull requests: one page per 100 of each.
    const listPages = {
      repos: w.mode === "app" ? 1 : 0,
      issues: Math.max(1, Math.ceil(openIncidents / 100)),
      pulls: options.prPass ? Math.max(1, Math.ceil(openPulls / 100)) : 0,
    };
    const floorReads = kind === "event" ? 1 : listPages.repos + listPages.issues + listPages.pulls;
    const total = floorReads + floorWrites.total;
    this.steps.push({
      step,
      kind,
      deliveries: { human: kind === "sweep" ? 0 : human, bot: deliveries.length - human },
      requests,
      floor: { reads: floorReads, writes: floorWrites.total, total, units: floorWrites.units },
      ratio: Math.round(((requests.reads + requests.writes) / total) * 100) / 100,
      excess: excessByRoute({
        kind,
        byRoute: requests.byRoute,
        floorUnits: floorWrites.units,
        ...(kind === "sweep" ? { listPages } : {}),
      }),
    });
    // People take a while before the next thing happens.
    w.clock.advance(minutes(1));
  }

  result(scenario: string, checkout: boolean): ScenarioResult {
    const t = { reads: 0, writes: 0, conditional: 0, auth: 0, setup: 0, floor: 0 };
    const excess: Record<string, number> = {};
    for (const s of this.steps) {
      addCounts(excess, s.excess);
      t.reads += s.requests.reads;
      t.writes += s.requests.writes;
      t.conditional += s.requests.conditional;
      t.auth += s.requests.auth;
      t.setup += s.requests.setup;
      t.floor += s.floor.total;
    }
    return {
      scenario,
      mode: this.w.mode,
      checkout,
      steps: this.steps,
      totals: { ...t, ratio: Math.round(((t.reads + t.writes) / t.floor) * 100) / 100 },
      excess: Object.fromEntries(Object.entries(excess).sort((a, b) => b[1] - a[1])),
      validationErrors: this.w.sim.validationErrors.length,
    };
  }
}

/** How a scenario's mode is named in the tables. */
export function variantName(s: Pick<ScenarioResult, "mode" | "checkout">): string {
  if (s.mode === "app") return "App";
  return s.checkout ? "Action, shipped workflow: .github/ checked out" : "Action without a checkout";
}

function isBot(payload: Record<string, unknown>): boolean {
  const login = (payload as { sender?: { login?: string } }).sender?.login ?? "";
  return login.endsWith("[bot]");
}

const LIFECYCLE_FORM = formBody({
  Summary: "Checkout returns 500 for every card payment",
  Severity: SEV1,
  "Applications impacted": "checkout-web, payments-api",
  "Business / customer impact": "Customers cannot pay by card; orders are lost",
  Evidence: "https://errors.example.com/issues/123 — 1,200 events in 10 minutes",
  "Revenue affected": "Yes",
  "Steps to reproduce": "Add any item, pay by card",
  "When did it start?": "",
});

/** declare → ack → comms → role → 3 updates → mitigate → resolve → post-mortem PR → edit → merge → follow-ups. */
export async function lifecycle(mode: Mode, checkout = false): Promise<ScenarioResult> {
  const w = await World.start({ mode, checkout, config: { postmortem: { reviewers: ["frank"] } } });
  const rec = new Recorder(w);
  try {
    let n = 0;
    await rec.event("declare (issue form, sev1, revenue)", async () => {
      n = await openIncident(w, "alice", "[Incident] Checkout card payments failing", LIFECYCLE_FORM);
    });
    w.clock.advance(minutes(3));
    await rec.event("/ack", () => comment(w, "bob", n, "/ack on it, looking at the payment gateway"));
    await rec.event("/comms @dave", () => comment(w, "bob", n, "/comms @dave"));
    await rec.event("/role investigator @frank", () => comment(w, "bob", n, "/role investigator @frank"));
    for (const [i, text] of [
      "Gateway returns 502s for card traffic; failing over next 30m",
      "Backup provider is taking 20% of card traffic next 30m",
      "Backup provider is taking all card traffic; watching error rates next 30m",
    ].entries()) {
      w.clock.advance(minutes(8));
      await rec.event(`/update #${i + 1}`, () => comment(w, "dave", n, `/update ${text}`));
    }
    w.clock.advance(minutes(5));
    await rec.event("/mitigate", () =>
      comment(w, "bob", n, "/mitigate Card traffic switched to the backup provider"),
    );
    w.clock.advance(minutes(20));
    await rec.event("/resolve (opens post-mortem PR)", () =>
      comment(
        w,
        "bob",
        n,
        "/resolve The gateway's TLS certificate expired; renewed it, moved traffic back, error rate is normal",
      ),
    );
    const pr = w.sim
      .issues(FULL)
      .map((i) => w.sim.pull(FULL, i.number))
      .find((p) => p?.head.ref === `expedite/postmortem-${n}`);
    if (!pr) throw new Error("lifecycle: no post-mortem PR was opened");
    const { data: files } = await w
      .as("dave")
      .rest.pulls.listFiles({ owner: "acme", repo: "shop", pull_number: pr.number });
    const path = files.map((f) => f.filename).find((p) => p.startsWith("docs/postmortems/"));
    w.clock.advance(minutes(60));
    await rec.event("push to post-mortem PR (action items)", async () => {
      const doc = path ? (w.sim.file(FULL, pr.head.ref, path) ?? "") : "";
      const edited = doc.replace(
        /## Action items[\s\S]*$/,
        "## Action items\n\n- [x] Renew the certificate\n- [ ] Alert 30 days before any certificate expires\n- [ ] Run a fail-over drill for the payment gateway\n",
      );
      w.sim.pushCommit({
        repo: FULL,
        branch: pr.head.ref,
        files: { [path ?? "doc.md"]: edited },
        author: "bob",
      });
    });
    w.clock.advance(minutes(30));
    await rec.event("merge post-mortem (close + follow-ups)", () =>
      w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: pr.number }),
    );
    await rec.sweep("sweep after the lifecycle");
    // The look-back of this sweep holds a half hour, so it is a full pass: recently closed incidents (their
    // post-mortem and follow-ups) and every open pull request are re-read too.
    await rec.sweep("reconcile with nothing to change (full pass)");
    // Quarter past or to the hour: no full pass is due, the ordinary tick every few minutes.
    const half = minutes(30);
    w.clock.set(Math.floor(w.clock.now() / half) * half + half + minutes(15));
    await rec.sweep("reconcile with nothing to change (between full passes)");
    return rec.result("incident lifecycle", checkout);
  } finally {
    await w.close();
  }
}

// The world starts Tuesday 2026-11-17 10:00 in New York; the window runs 11:00–13:00 local.
const FREEZE_CONFIG = {
  oncall: { primary: "erin" },
  freeze: {
    approvers: ["dave"],
    windows: [{ name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" }],
  },
  severity: { postmortem: [] },
};

async function openPull(w: World, who: string, branch: string, title: string): Promise<number> {
  w.sim.pushCommit({
    repo: FULL,
    branch,
    files: { [`src/${branch}.ts`]: `export const x = "${branch}";\n` },
    author: who,
  });
  const { data } = await w
    .as(who)
    .rest.pulls.create({ owner: "acme", repo: "shop", head: branch, base: "main", title });
  return data.number;
}

/** PRs before, at the start of, during and at the end of a freeze window; an exception asked and granted. */
export async function freeze(mode: Mode, checkout = false): Promise<ScenarioResult> {
  const w = await World.start({ mode, checkout, config: FREEZE_CONFIG });
  const rec = new Recorder(w);
  const start = w.clock.now();
  try {
    await rec.event("PR opened (no freeze)", () => openPull(w, "alice", "early", "Tidy the basket code"));
    await rec.event("PR opened (no freeze) #2", () => openPull(w, "frank", "early2", "Faster search"));
    w.clock.set(start + minutes(61));
    await rec.sweep("sweep at window start (2 PRs)", { prPass: true });
    let during = 0;
    await rec.event("PR opened during the freeze", async () => {
      during = await openPull(w, "alice", "during", "Add a banner");
    });
    await rec.event("/freeze-exception (not an approver)", () =>
      comment(w, "alice", during, "/freeze-exception the banner must go out with the launch"),
    );
    await rec.event("/freeze-exception granted", () =>
      comment(w, "dave", during, "/freeze-exception approved: copy change only, reviewed"),
    );
    w.clock.set(start + minutes(75));
    await rec.sweep("reconcile with nothing to change (in window)");
    w.clock.set(start + minutes(181));
    await rec.sweep("sweep at window end (3 PRs)", { prPass: true });
    w.clock.set(start + minutes(195));
    await rec.sweep("reconcile with nothing to change (after)");
    return rec.result("code freeze", checkout);
  } finally {
    await w.close();
  }
}
