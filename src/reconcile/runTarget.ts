import type { Permission } from "../core/snapshot.js";
import { freezeBoundaries } from "../core/freeze/freezeBoundaries.js";
import { durationMs } from "../core/time/parseDuration.js";
import type { GitHubContext } from "../github/types.js";
import { readPull } from "../github/pulls.js";
import type { RepoSettings, Settings } from "../core/config/settings.js";
import type { Target } from "./targetsOf.js";
import { reconcileIncident } from "./reconcileIncident.js";
import { tellIncidentPlan } from "./tellIncidentPlan.js";
import { isFreezing } from "../core/freeze/isFreezing.js";
import { handChangeMovedFreeze, mayHoldFreeze } from "../core/freeze/handChange.js";
import type { IncidentOutcome } from "./reconcileIncident.js";
import { sweepRepository } from "./sweepRepository.js";
import { reportConfigProblems } from "./reportConfigProblems.js";
import { freezeInputs } from "./freeze/freezeInputs.js";
import type { FreezeInputs } from "./freeze/freezeInputs.js";
import { reconcilePull } from "./freeze/reconcilePull.js";
import { sweepPulls } from "./freeze/sweepPulls.js";
import { runFreezeCommands } from "./freeze/freezeCommands.js";
import { reconcileMergeGroup } from "./freeze/reconcileMergeGroup.js";
import { reportConfigOnPull } from "./freeze/reportConfigOnPull.js";
import { announceFreezes } from "./freeze/announceFreezes.js";
import { deliverFreezeMessages } from "./freeze/deliverFreezeMessages.js";
import { runDeployTarget, runHoldTarget, isHoldIssue } from "./deploys/deployTargets.js";
import { reconcileHolds } from "./deploys/reconcileHolds.js";
import { announceReleases } from "./releases/announceReleases.js";
import { inLane } from "./inLane.js";
import { severityName } from "../core/render/severityName.js";
import { STATE_TITLES } from "../core/stateTitles.js";
import { reconcileFreezeHold } from "./freeze/reconcileFreezeHold.js";

export interface TargetOutcome {
  target: Target;
  writes: number;
  note?: string;
  /**
   * Sweeps: the repository has something whose clock or freeze can change soon (an open incident, a freeze
   * issue, a freeze window starting or ending within two hours). The App sweeps such repositories every
   * tick and the others on a slow cadence.
   */
  hot?: boolean;
}

/** How far ahead a scheduled freeze boundary makes a repository hot. */
const HOT_HORIZON_MS = 2 * 3_600_000;

/** A full pass over open pull requests at least this often, whatever else happened (lost webhooks). */
const FULL_PASS_MS = 30 * 60_000;

/** One reconcile for one target, the same in App and Action mode. */
export async function runTarget(
  gh: GitHubContext,
  settings: RepoSettings,
  target: Target,
  now: number,
  permissions: Map<string, Permission> = new Map(),
): Promise<TargetOutcome> {
  if (!settings.ok) {
    if (target.kind === "issue") {
      const wrote = await reportConfigProblems(gh, target.number, settings.path, settings.problems);
      return { target, writes: wrote ? 1 : 0, note: "configuration invalid" };
    }
    if (target.kind === "pull" || target.kind === "merge-group") {
      const wrote = await reportConfigOnPull(gh, target, settings.path, settings.problems);
      return { target, writes: wrote ? 1 : 0, note: "configuration invalid" };
    }
    return { target, writes: 0, note: "configuration invalid" };
  }
  const { config, templates } = settings;
  switch (target.kind) {
    case "issue":
      // The label alone proves nothing (anyone can add it): an issue the bot did not open as a hold issue is
      // reconciled like any other.
      if (isHoldIssue(target, config)) {
        const held = await inLane(gh, target.number, () => runHoldTarget(gh, settings, target, now));
        if (held) return held;
      }
      return reconcileIssueTarget(gh, settings, target, now, permissions);
    case "pull": {
      // The pull request's own writes run in its lane; a freeze that changed re-checks the others after,
      // each in its own lane, so this job never holds one lane while waiting for another.
      const own = await inLane(gh, target.number, async () => {
        const pr = target.pull ?? (await readPull(gh, target.number));
        let writes = 0;
        let inputs: FreezeInputs | undefined;
        if (target.freezeCommand) {
          inputs = await freezeInputs(gh, config);
          const result = await runFreezeCommands(gh, config, inputs, target.number, now, "pull-request");
          writes += result.writes;
          if (result.changed) return { writes, changed: true };
        }
        // A closed pull request has no verdict to keep: nothing else to read.
        if (pr.state !== "open") return { writes, note: "closed" };
        const outcome = await reconcilePull(
          gh,
          config,
          templates,
          inputs ?? (await freezeInputs(gh, config)),
          pr,
          now,
        );
        return { writes: writes + outcome.writes, note: outcome.verdict.conclusion };
      });
      if ("changed" in own) {
        const inputs = await freezeInputs(gh, config);
        let writes = own.writes + (await sweepPulls(gh, settings, inputs, now)).writes;
        writes += await deliverFreezeMessages(gh, settings, inputs, now, { calendar: false });
        return { target, writes };
      }
      return { target, writes: own.writes, note: own.note };
    }
    case "merge-group": {
      const outcome = await inLane(gh, target.headSha, () =>
        reconcileMergeGroup(gh, config, templates, target, now),
      );
      return { target, writes: outcome.writes, note: outcome.conclusion };
    }
    case "deployment":
      return runDeployTarget(gh, settings, target, now);
    case "releases":
      return { target, writes: await announceReleases(gh, settings, now), note: "announcements" };
    case "sweep": {
      // Schedules run late or not at all (the Action's cron is best-effort), so a sweep looks back twice its
      // interval; a process that remembers its last complete sweep looks back exactly to it, and a freeze
      // boundary or full pass is then handled once, not on every tick of the look-back.
      const lookback =
        target.since !== undefined
          ? Math.max(0, now - target.since)
          : Math.max(2 * durationMs(config.schedule.interval), 10 * 60_000);
      const periodic =
        target.full === true ||
        Math.floor(now / FULL_PASS_MS) !== Math.floor((now - lookback) / FULL_PASS_MS);
      const result = await sweepRepository(gh, settings, now, { full: periodic });
      const failures = [...result.failures.map((f) => `${f.target}: ${f.error}`)];
      let writes = result.writes;
      // The sweep's own listing of open incidents serves the freeze checks, unless the sweep itself just
      // moved an incident into or out of freezing merges.
      const inputs = await freezeInputs(gh, config, result.freezeChanged ? undefined : result.open);
      const boundary = freezeBoundaries(config, inputs.freezeIssues, now - lookback, now).length > 0;
      let note = `${result.incidents} open incident(s)`;
      writes += await announceFreezes(gh, settings, inputs, now, {
        lookbackMs: lookback,
        fullPass: periodic,
      });
      if (boundary || periodic || result.freezeChanged) {
        const pulls = await sweepPulls(gh, settings, inputs, now);
        writes += pulls.writes;
        failures.push(...pulls.failures);
        note += `, ${pulls.pulls} open pull request(s) re-checked`;
      }
      // A window, closure or manual freeze that started or ended, told to the deployments channel (retried on
      // the periodic pass).
      if (boundary || periodic)
        writes += await deliverFreezeMessages(gh, settings, inputs, now, { calendar: true });
      // Deployments waiting for a freeze to end: their record is on GitHub, so a restart forgets none.
      writes += await reconcileHolds(gh, settings, inputs, now);
      // A milestone coming due is a clock: only the sweep notices it.
      writes += await announceReleases(gh, settings, now, inputs);
      if (failures.length > 0)
        throw new Error(`sweep finished with ${failures.length} failure(s): ${failures.join("; ")}`);
      const hot =
        result.incidents > 0 ||
        inputs.freezeIssues.length > 0 ||
        freezeBoundaries(config, inputs.freezeIssues, now, now + HOT_HORIZON_MS).length > 0;
      return { target, writes, note, hot };
    }
  }
}

async function reconcileIssueTarget(
  gh: GitHubContext,
  settings: Settings,
  target: Extract<Target, { kind: "issue" }>,
  now: number,
  permissions: Map<string, Permission>,
): Promise<TargetOutcome> {
  const { config } = settings;
  // The incident's own writes in its lane; the pull requests a freeze change affects after, in theirs.
  const {
    result,
    writes: own,
    commandsChanged,
    released,
  } = await inLane(gh, target.number, async () => {
    const result: IncidentOutcome = await reconcileIncident(gh, settings, target.number, {
      now,
      permissions,
      ...(target.issue ? { hint: target.issue } : {}),
    });
    tellIncidentPlan(gh, result);
    let writes = result.writes;
    let commandsChanged = false;
    let released: number | undefined;
    if (
      result.skipped === "not-an-incident" &&
      target.issue &&
      mayHoldFreeze(target, config, gh.trustedBots)
    ) {
      const hold = await reconcileFreezeHold(gh, config, target.issue, now, permissions);
      writes += hold.writes;
      commandsChanged ||= hold.changed;
      released = hold.released;
    }
    if (target.freezeCommand) {
      const inputs = await freezeInputs(gh, config);
      const commands = await runFreezeCommands(
        gh,
        config,
        inputs,
        target.number,
        now,
        result.skipped === undefined ? "incident" : "issue",
      );
      writes += commands.writes;
      commandsChanged ||= commands.changed;
    }
    return { result, writes, commandsChanged, released };
  });
  let writes = own;
  // An incident whose held freeze was lifted on its record: its board and labels follow, in its own lane.
  if (released !== undefined) {
    const origin = released;
    const followed = await inLane(gh, origin, () =>
      reconcileIncident(gh, settings, origin, { now, permissions }),
    );
    tellIncidentPlan(gh, followed);
    writes += followed.writes;
  }
  let freezesChanged = commandsChanged;
  // A freeze issue opened or closed, or an incident of a freezing severity changed state: every open PR's
  // verdict may have changed with it.
  if (result.freezeRelevant || handChangeMovedFreeze(target, config)) freezesChanged = true;
  if (freezesChanged) {
    const inputs = await freezeInputs(gh, config);
    writes += (await sweepPulls(gh, settings, inputs, now)).writes;
    // Waiting deployments can only be let through when a freeze ended: an incident that froze merges by
    // this event ended none. Where nothing waits (the Action), the sweep tidies hold issues.
    const started =
      result.incident !== undefined &&
      isFreezing(result.incident, config) &&
      !commandsChanged &&
      released === undefined;
    if (!started && gh.approvesDeployments === true)
      writes += await reconcileHolds(gh, settings, inputs, now);
    // A manual freeze started or ended: told beyond GitHub, recorded on its freeze issue.
    if (commandsChanged || (result.skipped === "not-an-incident" && result.freezeRelevant))
      writes += await deliverFreezeMessages(gh, settings, inputs, now, { calendar: false });
  }
  // Every row of the Action's job summary says something: what this issue is now, or why it was skipped.
  const incident = result.incident;
  const note =
    result.skipped?.replaceAll("-", " ") ??
    (incident ? `${severityName(incident.severity)}, ${STATE_TITLES[incident.state]}` : "");
  return { target, writes, ...(note !== "" ? { note } : {}) };
}
