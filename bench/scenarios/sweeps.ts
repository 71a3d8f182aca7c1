// 3. Sweep scaling: the scheduled reconcile over 10, 100, 1,000 open incidents, and the pull-request pass
// over 10, 100, 1,000 open PRs at a freeze start, next to the ideal (a page per 100 objects + the writes
// that changed something).
import { formBody, SEV3 } from "../../test/harness/index.js";
import { FULL, BOT, PERSON_LOGINS, seedIncidents, seedPulls, startHarness } from "../lib/harness.js";
import type { Harness } from "../lib/harness.js";
import { byExpedite, summarize } from "../lib/requests.js";
import type { RequestSummary } from "../lib/requests.js";
import { snapshot, writeFloor } from "../lib/stateDiff.js";
import { excessByRoute } from "../lib/excess.js";
import { round } from "../lib/format.js";

export interface SweepRun {
  objects: "incidents" | "pull requests";
  count: number;
  sweep: string;
  requests: RequestSummary;
  floor: { reads: number; writes: number; total: number; units: Record<string, number> };
  ratio: number;
  wallMs: number;
  /** Every request of a sweep is sequential (304s too): the same sweep against an API answering in 100 ms. */
  projectedWallMsAt100ms: number;
  excess: Record<string, number>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Tuesday 2026-11-17, 10:00 in New York (business hours).
const START = Date.parse("2026-11-17T15:00:00Z");
const PAGE = 100;

async function measure(
  h: Harness,
  objects: SweepRun["objects"],
  count: number,
  sweep: string,
  pages: { repos: number; issues: number; pulls: number },
): Promise<SweepRun> {
  const before = snapshot(h.sim, FULL);
  const r0 = h.sim.requests.length;
  const t0 = performance.now();
  await h.app.expedite.sweepAll();
  const wallMs = Math.round(performance.now() - t0);
  const requests = summarize(byExpedite(h.sim.requests.slice(r0), PERSON_LOGINS));
  const floorWrites = writeFloor(before, snapshot(h.sim, FULL), BOT);
  const floorReads = pages.repos + pages.issues + pages.pulls;
  const total = floorReads + floorWrites.total;
  const counted = requests.reads + requests.writes;
  return {
    objects,
    count,
    sweep,
    requests,
    floor: { reads: floorReads, writes: floorWrites.total, total, units: floorWrites.units },
    ratio: round(counted / total, 2),
    wallMs,
    projectedWallMsAt100ms: wallMs + (counted + requests.conditional) * 100,
    excess: excessByRoute({
      kind: "sweep",
      byRoute: requests.byRoute,
      floorUnits: floorWrites.units,
      listPages: pages,
    }),
  };
}

const pagesOf = (n: number) => Math.max(1, Math.ceil(n / PAGE));

// Clocks slow enough that nothing falls due while the incidents are seeded and swept (the seeding spans
// simulated hours: the simulator holds the installation to 5,000 requests an hour, as GitHub does).
const QUIET_CONFIG = {
  severity: { postmortem: [1] },
  acknowledge: { within_business_hours: "1d", outside_business_hours: "1d" },
  escalation: { ladders: [{ name: "slow", when: {}, steps: [{ after: "2d", notify: ["@erin"] }] }] },
  updates: { cadence: { "3": "2d" } },
};

export async function incidentSweeps(sizes: number[], log: (line: string) => void): Promise<SweepRun[]> {
  const runs: SweepRun[] = [];
  for (const count of sizes) {
    const h = await startHarness({ start: START, config: QUIET_CONFIG });
    try {
      const t0 = performance.now();
      const body = formBody({ Summary: "Search is slow", Severity: SEV3, "Applications impacted": "search" });
      await seedIncidents(h, count, body);
      log(`  sweeps: ${count} incidents seeded in ${Math.round(performance.now() - t0)} ms`);
      // 3 h 15 min on (a fresh hour of quota, no periodic pull-request pass due). The first sweep of the
      // App finds its caches empty (as after a restart); the second is the steady state.
      const pages = { repos: 1, issues: pagesOf(count), pulls: 0 };
      h.clock.set(START + 195 * MINUTE);
      const cold = await measure(h, "incidents", count, "nothing to change, first after start", pages);
      runs.push(cold);
      h.clock.set(START + 196 * MINUTE);
      const idle = await measure(h, "incidents", count, "nothing to change", pages);
      runs.push(idle);
      log(
        `  sweeps: ${count} incidents, idle: ${cold.requests.reads}/${idle.requests.reads} reads, ${cold.wallMs}/${idle.wallMs} ms`,
      );
      if (count <= 100) {
        // A day later every incident missed its acknowledgement: a notice and a board edit on each.
        h.clock.set(START + DAY + 195 * MINUTE);
        const busy = await measure(h, "incidents", count, "ack deadline passed on all", pages);
        runs.push(busy);
        log(
          `  sweeps: ${count} incidents, escalating: ${busy.requests.reads} reads ${busy.requests.writes} writes`,
        );
      }
    } finally {
      await h.close();
    }
  }
  return runs;
}

// The window runs 11:00–13:00 in New York (16:00–18:00 UTC).
const FREEZE_CONFIG = {
  freeze: { windows: [{ name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" }] },
  severity: { postmortem: [] },
};

export async function pullSweeps(sizes: number[], log: (line: string) => void): Promise<SweepRun[]> {
  const runs: SweepRun[] = [];
  for (const count of sizes) {
    // 09:00 in New York, two hours before the window (the simulator's quota is an hour per window, and the
    // passes below are spread so that each fits one).
    const h = await startHarness({ start: START - 60 * MINUTE, config: FREEZE_CONFIG });
    try {
      const t0 = performance.now();
      await seedPulls(h, count, "feature");
      log(`  sweeps: ${count} pull requests seeded in ${Math.round(performance.now() - t0)} ms`);
      // 09:05, inside the look-back after a half hour: the periodic full pass, which gives every PR its
      // green check (as after an outage: none had one yet) and the freeze announcement. Skipped at 1,000
      // (85 s of the run) — it grows like the 10 and 100 rows, and the freeze start costs the same
      // requests either way: the first read after Expedite's own write is never a 304.
      if (count <= 100) {
        h.clock.set(START - 55 * MINUTE);
        const periodic = await measure(h, "pull requests", count, "periodic pass (PRs without a check)", {
          repos: 1,
          issues: 1,
          pulls: pagesOf(count),
        });
        runs.push(periodic);
        log(
          `  sweeps: ${count} PRs, periodic pass: ${periodic.requests.reads} reads ${periodic.requests.writes} writes, ${periodic.wallMs} ms`,
        );
      }
      // One minute into the window: every open PR must turn red.
      h.clock.set(START + 61 * MINUTE);
      const start = await measure(h, "pull requests", count, "freeze starts", {
        repos: 1,
        issues: 1,
        pulls: pagesOf(count),
      });
      runs.push(start);
      log(
        `  sweeps: ${count} PRs, freeze start: ${start.requests.reads} reads ${start.requests.writes} writes, ${start.wallMs} ms`,
      );
      // The next tick, a minute later: nothing changed, but the boundary is still inside the look-back.
      h.clock.set(START + 62 * MINUTE);
      const again = await measure(h, "pull requests", count, "next tick (nothing changed)", {
        repos: 1,
        issues: 1,
        pulls: 0,
      });
      runs.push(again);
      log(`  sweeps: ${count} PRs, next tick: ${again.requests.reads} reads, ${again.wallMs} ms`);
      if (count <= 100) {
        // And the tick after: the check runs' ETags are current now.
        h.clock.set(START + 63 * MINUTE);
        runs.push(
          await measure(h, "pull requests", count, "tick after that", { repos: 1, issues: 1, pulls: 0 }),
        );
        // Outside any look-back: the sweep does not touch pull requests at all.
        h.clock.set(START + 75 * MINUTE);
        runs.push(
          await measure(h, "pull requests", count, "mid-window (no boundary)", {
            repos: 1,
            issues: 1,
            pulls: 0,
          }),
        );
        // The window ends: every PR turns green again.
        h.clock.set(START + 181 * MINUTE);
        runs.push(
          await measure(h, "pull requests", count, "freeze ends", {
            repos: 1,
            issues: 1,
            pulls: pagesOf(count),
          }),
        );
      }
    } finally {
      await h.close();
    }
  }
  return runs;
}
