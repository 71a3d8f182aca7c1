import { formBody } from "../../e2e/support/world.js";
import { SEV1, SEV2, SEV3, SEV4 } from "../../e2e/support/people.js";
import { Rng } from "./rng.js";

// A seeded incident "day": people open incidents (by form or by label), type commands (good, bad and
// refused ones), label by hand, open pull requests, push, ask for freeze exceptions, merge, and finish
// post-mortems. Actions happen in ticks: one simulated moment each, with the scheduled reconcile run at
// the start and at the end of every tick, so that an orderly run and a faulty run reconcile at the same
// clock readings and their final states can be compared exactly.

export type Action =
  | {
      kind: "open";
      who: string;
      incident: number;
      title: string;
      body: string;
      via: "form" | "label";
    }
  | { kind: "comment"; who: string; incident: number; body: string }
  | { kind: "label"; who: string; incident: number; label: string }
  | { kind: "openPull"; who: string; pull: number; branch: string; title: string; body: string }
  | { kind: "push"; who: string; pull: number; change: number }
  | { kind: "pullComment"; who: string; pull: number; body: string }
  | { kind: "mergePull"; who: string; pull: number }
  | { kind: "mergePostmortem"; who: string; incident: number; done: string[]; todo: string[] };

export interface Tick {
  /** Minutes since the previous tick (the first tick: since the world's start). */
  minutes: number;
  actions: Action[];
}

export interface Script {
  seed: number;
  ticks: Tick[];
  incidents: number;
  pulls: number;
  actions: number;
}

export interface ScenarioShape {
  incidents: number;
  pulls: number;
  ticks: number;
  actionsPerTick: [number, number];
}

export const DEFAULT_SHAPE: ScenarioShape = {
  incidents: 6,
  pulls: 4,
  ticks: 15,
  actionsPerTick: [3, 5],
};

/** Everyone with at least triage, who may run incident commands. */
const RESPONDERS = ["alice", "bob", "dave", "erin", "frank"] as const;
const SEVERITIES = [SEV1, SEV2, SEV3, SEV4] as const;
const TITLES = [
  "Checkout card payments failing",
  "Search returns nothing",
  "Login page times out",
  "Order emails delayed",
  "Images missing on product pages",
  "Basket empties itself",
  "Refunds stuck in pending",
  "Admin reports blank",
];
const UPDATES = [
  "Gateway returns 502s for card traffic",
  "Rolling back the last deploy",
  "Queue is draining slowly",
  "Traffic moved to the secondary region",
  "Still investigating the database locks",
];
const WORKAROUNDS = [
  "Card traffic switched to the backup provider",
  "Served the cached search index",
  "Raised the session timeout while we investigate",
  "Emails re-queued through the secondary relay",
];
const RESOLUTIONS = [
  "The gateway's TLS certificate expired; renewed it and moved traffic back",
  "A bad index migration locked the table; rolled it back and rebuilt the index",
  "The CDN purge job deleted live assets; restored them and fixed the job's filter",
  "A config flag disabled the mail relay; re-enabled it and added an alert",
];

type Phase = "declared" | "acknowledged" | "mitigated" | "resolved" | "closed";

interface IncidentModel {
  index: number;
  severity: number;
  phase: Phase;
  lead?: string;
  resolvedTick?: number;
  postmortemPending: boolean;
}

interface PullModel {
  index: number;
  branch: string;
  open: boolean;
  changes: number;
}

/** Builds the script for a seed; the same seed always gives the same script. */
export function generateScenario(seed: number, shape: ScenarioShape = DEFAULT_SHAPE): Script {
  const rng = new Rng(seed);
  const incidents: IncidentModel[] = [];
  const pulls: PullModel[] = [];
  const ticks: Tick[] = [];
  let elapsed = 0;
  let actions = 0;

  for (let t = 0; t < shape.ticks; t++) {
    // Each tick lands in the first minutes after a half hour, where the scheduled reconcile also makes
    // its full pass over open pull requests (see runTarget's FULL_PASS_MS).
    const at = t * 30 + rng.between(1, 8);
    const tick: Tick = { minutes: at - elapsed, actions: [] };
    elapsed = at;
    const count = rng.between(shape.actionsPerTick[0], shape.actionsPerTick[1]);
    for (let n = 0; n < count; n++) {
      const action = nextAction(rng, t, shape, incidents, pulls);
      if (action) tick.actions.push(action);
    }
    actions += tick.actions.length;
    ticks.push(tick);
  }
  return { seed, ticks, incidents: incidents.length, pulls: pulls.length, actions };
}

function nextAction(
  rng: Rng,
  tick: number,
  shape: ScenarioShape,
  incidents: IncidentModel[],
  pulls: PullModel[],
): Action | undefined {
  const open = incidents.filter((i) => i.phase !== "resolved" && i.phase !== "closed");
  const choices: Array<[number, () => Action | undefined]> = [];
  // Open incidents early in the day so they have time to run their course.
  if (incidents.length < shape.incidents && (open.length === 0 || rng.chance(0.5)))
    choices.push([open.length === 0 ? 10 : 3, () => openIncident(rng, incidents)]);
  if (open.length > 0) choices.push([8, () => incidentCommand(rng, tick, rng.pick(open))]);
  if (pulls.length < shape.pulls && tick >= 1) choices.push([2, () => openPull(rng, pulls, incidents)]);
  const openPulls = pulls.filter((p) => p.open);
  if (openPulls.length > 0) choices.push([3, () => pullAction(rng, rng.pick(openPulls))]);
  const finishing = incidents.filter(
    (i) => i.postmortemPending && i.resolvedTick !== undefined && i.resolvedTick < tick,
  );
  if (finishing.length > 0) choices.push([4, () => mergePostmortem(rng, rng.pick(finishing))]);
  if (choices.length === 0) return undefined;
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [weight, make] of choices) {
    roll -= weight;
    if (roll < 0) return make();
  }
  return choices.at(-1)![1]();
}

function openIncident(rng: Rng, incidents: IncidentModel[]): Action {
  const index = incidents.length;
  const severity = rng.between(1, 4);
  const revenue = rng.pick(["Yes", "No", "Unknown", ""]);
  const via = rng.chance(0.75) ? "form" : "label";
  incidents.push({ index, severity, phase: "declared", postmortemPending: false });
  const title = `${rng.chance(0.5) ? "[Incident] " : ""}${rng.pick(TITLES)}`;
  const body =
    via === "form"
      ? formBody({
          Summary: `Customers report: ${title.toLowerCase()}`,
          Severity: SEVERITIES[severity - 1]!,
          "Applications impacted": rng.pick(["checkout-web", "search-api, web", "mailer", "cdn"]),
          "Business / customer impact": rng.pick(["Orders are lost", "Some customers affected", ""]),
          "Revenue affected": revenue,
        })
      : `${title}. Noticed on the dashboard, details to follow.`;
  return { kind: "open", who: rng.pick(["alice", "bob", "frank"]), incident: index, title, body, via };
}

function incidentCommand(rng: Rng, tick: number, incident: IncidentModel): Action {
  const who = incident.lead && rng.chance(0.6) ? incident.lead : rng.pick(RESPONDERS);
  const at = (body: string): Action => ({ kind: "comment", who, incident: incident.index, body });
  const roll = rng.next();
  if (incident.phase === "declared" && roll < 0.45) {
    incident.phase = "acknowledged";
    incident.lead ??= who;
    return at(rng.chance(0.5) ? "/ack" : `/ack on it, looking now\n/comms @${other(rng, who)}`);
  }
  if (roll < 0.08) {
    // Refused: a reader cannot run commands.
    return { kind: "comment", who: "carol", incident: incident.index, body: "/ack" };
  }
  if (roll < 0.14) return at(rng.pick(["/foo bar", "/sev 9", "/resolve fixed", "/lead", "/update"]));
  if (roll < 0.22) {
    const lead = rng.pick(RESPONDERS);
    incident.lead = lead;
    return at(`/lead @${lead}`);
  }
  if (roll < 0.28) {
    incident.severity = rng.between(1, 4);
    return at(`/sev ${incident.severity}`);
  }
  if (roll < 0.33) return at(`/impact ${rng.pick(["revenue", "none"])}`);
  if (roll < 0.38) {
    // A person moves the state or severity with a label instead of a command.
    if (incident.phase === "acknowledged" && rng.chance(0.5)) {
      incident.phase = "mitigated";
      return { kind: "label", who, incident: incident.index, label: "incident:mitigated" };
    }
    incident.severity = rng.between(1, 4);
    return { kind: "label", who, incident: incident.index, label: `sev:${incident.severity}` };
  }
  if (roll < 0.52)
    return at(`/update ${rng.pick(UPDATES)}${rng.chance(0.5) ? ` next ${rng.pick([20, 30, 45])}m` : ""}`);
  if (roll < 0.58) return at(`/note ${rng.pick(UPDATES)}; cc @alice`);
  if (roll < 0.7 && (incident.phase === "acknowledged" || incident.phase === "declared")) {
    incident.phase = "mitigated";
    return at(`/mitigate ${rng.pick(WORKAROUNDS)}`);
  }
  if (roll < 0.74 && incident.phase === "declared") {
    incident.phase = "closed";
    return at("/cancel False alarm: the synthetic monitor was pointed at staging");
  }
  if (incident.phase === "mitigated" || roll > 0.9) {
    incident.phase = "resolved";
    incident.resolvedTick = tick;
    // The default config opens a post-mortem for severities 1 and 2.
    incident.postmortemPending = incident.severity <= 2;
    return at(`/resolve ${rng.pick(RESOLUTIONS)}`);
  }
  return at(`/update ${rng.pick(UPDATES)}`);
}

function other(rng: Rng, who: string): string {
  return rng.pick(RESPONDERS.filter((p) => p !== who));
}

function openPull(rng: Rng, pulls: PullModel[], incidents: IncidentModel[]): Action {
  const index = pulls.length;
  const branch = `change-${index}`;
  pulls.push({ index, branch, open: true, changes: 0 });
  const related = incidents.length > 0 && rng.chance(0.5) ? rng.pick(incidents) : undefined;
  return {
    kind: "openPull",
    who: rng.pick(["alice", "frank", "bob"]),
    pull: index,
    branch,
    title: rng.pick(["Tidy the basket code", "Add a banner", "Speed up search", "Retry mail sends"]),
    body: related ? `Refs incident {{incident:${related.index}}}` : "Routine change.",
  };
}

function pullAction(rng: Rng, pull: PullModel): Action {
  const roll = rng.next();
  if (roll < 0.4) {
    pull.changes += 1;
    return { kind: "push", who: "alice", pull: pull.index, change: pull.changes };
  }
  if (roll < 0.75)
    return {
      kind: "pullComment",
      who: rng.pick(["dave", "alice", "erin"]),
      pull: pull.index,
      body: `/freeze-exception ${rng.pick(["copy change only, reviewed", "needed for the fix", "tiny"])}`,
    };
  pull.open = false;
  return { kind: "mergePull", who: "dave", pull: pull.index };
}

function mergePostmortem(rng: Rng, incident: IncidentModel): Action {
  incident.postmortemPending = false;
  incident.phase = "closed";
  const items = ["Alert before certificates expire", "Run a fail-over drill", "Add a dashboard panel"];
  const todo = items.filter(() => rng.chance(0.6));
  return {
    kind: "mergePostmortem",
    who: "dave",
    incident: incident.index,
    done: items.filter((i) => !todo.includes(i)),
    todo,
  };
}
