import { formBody, SEV1, SEV2, SEV3, SEV4 } from "../../harness/index.js";
import { Rng } from "./rng.js";

// A seeded incident "day": people open incidents (by form or by label), type commands (good, bad and
// refused ones), label by hand, open pull requests, push, ask for freeze exceptions, merge, and finish
// post-mortems. Actions happen in ticks: one simulated moment each, with the scheduled reconcile run at
// the start and at the end of every tick, so that an orderly run and a faulty run reconcile at the same
// clock readings and their final states can be compared exactly.
//
// Within a tick each incident and pull request is touched at most once, and at most one action may
// change what is frozen. Otherwise the comparison would not be fair: a bot that reconciled between two
// of a person's actions legitimately reacts to the state in between (it tells the on-call engineer they
// lead before someone else types /ack; it answers a freeze exception while the freeze still holds),
// and a bot that never saw that moment legitimately does not. Across ticks there is no such limit.

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
  ticks: 10,
  actionsPerTick: [6, 8],
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
  /** The incident the pull request mentions, if any. */
  related?: number;
}

/** What a tick has already touched: "I3", "P1", and "freeze" for anything that may change a verdict. */
type Used = Set<string>;

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
    const used: Used = new Set();
    for (let n = 0; n < count; n++) {
      const action = nextAction(rng, t, shape, incidents, pulls, used);
      if (action) tick.actions.push(action);
      else break;
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
  used: Used,
): Action | undefined {
  const free = (key: string) => !used.has(key);
  const touch = (...keys: string[]) => keys.forEach((k) => used.add(k));
  const open = incidents.filter((i) => i.phase !== "resolved" && i.phase !== "closed" && free(`I${i.index}`));
  const choices: Array<[number, () => Action | undefined]> = [];
  // Open incidents early in the day so they have time to run their course.
  if (incidents.length < shape.incidents && (open.length < 2 || rng.chance(0.5)))
    choices.push([
      open.length < 2 ? 10 : 3,
      () => {
        const action = openIncident(rng, incidents, free("freeze"));
        // Only a SEV1 incident freezes merges (the default incident_severities).
        touch(`I${incidents.length - 1}`, ...(incidents.at(-1)!.severity === 1 ? ["freeze"] : []));
        return action;
      },
    ]);
  if (open.length > 0)
    choices.push([
      8,
      () => {
        const incident = rng.pick(open);
        const action = incidentCommand(rng, tick, incident, free("freeze"));
        touch(`I${incident.index}`, ...(freezeRelevant(action) ? ["freeze"] : []));
        return action;
      },
    ]);
  if (pulls.length < shape.pulls && tick >= 1)
    choices.push([
      2,
      () => {
        const mentionable = incidents.filter((i) => free(`I${i.index}`));
        const action = openPull(rng, pulls, mentionable);
        const related = pulls.at(-1)?.related;
        touch(`P${pulls.length - 1}`, ...(related === undefined ? [] : [`I${related}`]));
        return action;
      },
    ]);
  const openPulls = pulls.filter(
    (p) => p.open && free(`P${p.index}`) && (p.related === undefined || free(`I${p.related}`)),
  );
  if (openPulls.length > 0)
    choices.push([
      3,
      () => {
        const pull = rng.pick(openPulls);
        const action = pullAction(rng, pull, free("freeze"));
        touch(`P${pull.index}`, ...(pull.related === undefined ? [] : [`I${pull.related}`]));
        if (action.kind === "pullComment") touch("freeze");
        return action;
      },
    ]);
  const finishing = incidents.filter(
    (i) =>
      i.postmortemPending && i.resolvedTick !== undefined && i.resolvedTick < tick && free(`I${i.index}`),
  );
  if (finishing.length > 0)
    choices.push([
      4,
      () => {
        const incident = rng.pick(finishing);
        touch(`I${incident.index}`);
        return mergePostmortem(rng, incident);
      },
    ]);
  if (choices.length === 0) return undefined;
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [weight, make] of choices) {
    roll -= weight;
    if (roll < 0) return make();
  }
  return choices.at(-1)![1]();
}

function openIncident(rng: Rng, incidents: IncidentModel[], freezeFree: boolean): Action {
  const index = incidents.length;
  const via = rng.chance(0.75) ? "form" : "label";
  // Opened by label, an incident has the default severity (3).
  const severity = via === "label" ? 3 : freezeFree ? rng.between(1, 4) : rng.between(2, 4);
  const revenue = rng.pick(["Yes", "No", "Unknown", ""]);
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

/** Whether an incident action may start or end an incident freeze (severity, resolution, cancellation). */
function freezeRelevant(action: Action): boolean {
  if (action.kind === "label") return action.label.startsWith("sev:");
  if (action.kind !== "comment") return false;
  return /^\/(sev|resolve|cancel)\b/m.test(action.body);
}

function incidentCommand(rng: Rng, tick: number, incident: IncidentModel, freezeFree: boolean): Action {
  const who = incident.lead && rng.chance(0.6) ? incident.lead : rng.pick(RESPONDERS);
  const at = (body: string): Action => ({ kind: "comment", who, incident: incident.index, body });
  // Without the tick's freeze slot, only commands that cannot change what is frozen.
  const roll = freezeFree ? rng.next() : rng.pick([0.01, 0.1, 0.2, 0.3, 0.4, 0.45, 0.55]);
  if (incident.phase === "declared" && roll < 0.45) {
    incident.phase = "acknowledged";
    incident.lead ??= who;
    return at(rng.chance(0.5) ? "/ack" : `/ack on it, looking now\n/comms @${other(rng, who)}`);
  }
  if (roll < 0.08) {
    // Refused: a reader cannot run commands.
    return { kind: "comment", who: "carol", incident: incident.index, body: "/ack" };
  }
  if (roll < 0.14) return at(rng.pick(["/foo bar", "/lead", "/update", "/impact maybe", "/comms"]));
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
    if (incident.phase === "acknowledged" && (!freezeFree || rng.chance(0.5))) {
      incident.phase = "mitigated";
      return { kind: "label", who, incident: incident.index, label: "incident:mitigated" };
    }
    incident.severity = rng.between(1, 4);
    return { kind: "label", who, incident: incident.index, label: `sev:${incident.severity}` };
  }
  if (roll < 0.52)
    return at(`/update ${rng.pick(UPDATES)}${rng.chance(0.5) ? ` next ${rng.pick([20, 30, 45])}m` : ""}`);
  if (!freezeFree) return at(`/note ${rng.pick(UPDATES)}`);
  if (roll < 0.58) return at(`/note ${rng.pick(UPDATES)}; cc @alice`);
  if (roll < 0.61) return at(rng.pick(["/sev 9", "/resolve fixed", "/resolve ..."]));
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
  const related = incidents.length > 0 && rng.chance(0.5) ? rng.pick(incidents) : undefined;
  pulls.push({ index, branch, open: true, changes: 0, ...(related ? { related: related.index } : {}) });
  return {
    kind: "openPull",
    who: rng.pick(["alice", "frank", "bob"]),
    pull: index,
    branch,
    title: rng.pick(["Tidy the basket code", "Add a banner", "Speed up search", "Retry mail sends"]),
    body: related ? `Refs incident {{incident:${related.index}}}` : "Routine change.",
  };
}

function pullAction(rng: Rng, pull: PullModel, freezeFree: boolean): Action {
  const roll = rng.next();
  if (roll < 0.4 || (!freezeFree && roll < 0.75)) {
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
