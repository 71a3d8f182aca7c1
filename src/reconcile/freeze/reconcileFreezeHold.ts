import type { Config } from "../../core/config/schema.js";
import type { IssueSnapshot, Permission } from "../../core/snapshot.js";
import type { FreezeHold } from "../../core/freeze/freezeHold.js";
import { freezeHoldOf, holdActors } from "../../core/freeze/freezeHold.js";
import { freezeIssueSteps } from "../../core/freeze/freezeIssueSteps.js";
import { parseFreezeIssue } from "../../core/freeze/freezeIssue.js";
import { holdNotice } from "../../core/freeze/holdNotice.js";
import { holdLabelTakenOff } from "../../core/freeze/holdLabelTakenOff.js";
import { botCommentsFrom } from "../../core/plan/botComments.js";
import { markerIdentity, renderMarker } from "../../core/markers.js";
import type { BotComment } from "../../core/plan/botComments.js";
import type { GitHubContext } from "../../github/types.js";
import { readTimeline } from "../../github/readTimeline.js";
import { readIssue } from "../../github/readIssue.js";
import { permissionOf } from "../../github/permissionOf.js";
import { writeLabels } from "../../github/writeLabels.js";
import { createCommentOnce } from "../../github/writeComments.js";
import { closeIssue, reopenIssue } from "../../github/issues.js";
import { currentIssue } from "../../core/projection/currentIssue.js";
import { projectWithRoles } from "../projectWithRoles.js";
import { closeHoldRecords, ensureHoldRecord } from "./holdRecords.js";
import { isFreezeIssue } from "./freezeInputs.js";

export interface HoldOutcome {
  writes: number;
  /** The freezes in force changed: pull requests need re-checking. */
  changed: boolean;
  /** An incident whose hold was lifted through its record. */
  released?: number;
}

/** A freeze issue freezes from the moment it opens: its fold starts frozen. */
const FROZEN_FROM_THE_START = true;

/**
 * The freeze of a manual freeze issue, of an issue that stopped being an incident, or of a hold record,
 * after a hand change. A change that would lift a freeze counts only from someone with the role to lift
 * it; otherwise the freeze holds: a hold record (a freeze issue of Expedite's) keeps it in force, the
 * hold label marks the issue, and one comment says who did what and who can lift it. Nothing they did is
 * reverted. Incidents show their hold on the board instead (reconcileIncident).
 */
export async function reconcileFreezeHold(
  gh: GitHubContext,
  config: Config,
  hint: IssueSnapshot,
  now: number,
  permissions: Map<string, Permission>,
): Promise<HoldOutcome> {
  const events = await readTimeline(gh, hint.number);
  const issue = currentIssue(hint, events);
  const botComments = botCommentsFrom(events, gh.trustedBots);
  const isBot = (login: string) => gh.trustedBots.has(login.toLowerCase());
  const freeze = isFreezeIssue(issue, gh.trustedBots)
    ? parseFreezeIssue(
        {
          number: issue.number,
          html_url: issue.url,
          body: issue.body,
          user: issue.author,
          created_at: new Date(issue.createdAt).toISOString(),
          closed_at: issue.closedAt === undefined ? null : new Date(issue.closedAt).toISOString(),
          state: issue.state,
        },
        [...gh.trustedBots],
      )
    : undefined;

  if (freeze?.heldFor !== undefined)
    return reconcileRecord(gh, config, issue, events, freeze.heldFor, permissions);

  let hold: FreezeHold | undefined;
  if (freeze) {
    const steps = freezeIssueSteps(events, config, isBot);
    hold = freezeHoldOf(
      steps,
      FROZEN_FROM_THE_START,
      await rolesOf(gh, holdActors(steps, FROZEN_FROM_THE_START), permissions),
      config.commands.freeze_permission,
    );
    // A manual freeze past its end holds nothing.
    if (freeze.until !== undefined && now >= freeze.until) hold = undefined;
  } else {
    const projection = await projectWithRoles(gh, { config, issue, events, botComments, now, permissions });
    hold = projection.incident.freezeHold;
  }

  const label = config.labels.freeze_held;
  const labelled = issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  let writes = 0;
  let closed = 0;
  if (hold !== undefined && !labelled) {
    // The record first: the label on this issue always means a record was opened.
    await ensureHoldRecord(gh, config, {
      origin: issue.number,
      hold,
      kind: freeze ? "freeze" : "incident",
      branches: freeze?.branches ?? [],
      ...(freeze?.until !== undefined ? { until: freeze.until } : {}),
    });
    await writeLabels(gh, issue.number, [label], []);
    writes += 2;
  } else if (hold === undefined && (labelled || holdLabelTakenOff(events, label, isBot) !== undefined)) {
    closed = await closeHoldRecords(gh, config, issue.number);
    writes += closed;
    if (labelled) {
      await writeLabels(gh, issue.number, [], [label]);
      writes++;
    }
  }
  if (hold !== undefined)
    writes += await noticeOnce(gh, config, issue.number, botComments, hold, freeze ? "freeze" : "incident");
  return { writes, changed: (hold !== undefined && !labelled) || closed > 0 };
}

/**
 * A hold record closed or unlabelled by hand. By someone with the role, that lifts the freeze it held (the
 * hold label comes off the original issue); by anyone else, the record is put back, because it is
 * Expedite's record and not a responder's decision.
 */
async function reconcileRecord(
  gh: GitHubContext,
  config: Config,
  record: IssueSnapshot,
  events: Awaited<ReturnType<typeof readTimeline>>,
  origin: number,
  permissions: Map<string, Permission>,
): Promise<HoldOutcome> {
  const original = await readIssue(gh, origin);
  const isIncident = original.labels.some((l) => l.toLowerCase() === config.labels.incident.toLowerCase());
  const needed = isIncident ? config.commands.permission : config.commands.freeze_permission;
  const steps = freezeIssueSteps(events, config, (login) => gh.trustedBots.has(login.toLowerCase()));
  const hold = freezeHoldOf(
    steps,
    FROZEN_FROM_THE_START,
    await rolesOf(gh, holdActors(steps, FROZEN_FROM_THE_START), permissions),
    needed,
  );
  const freezing =
    record.state === "open" &&
    record.labels.some((l) => l.toLowerCase() === config.labels.freeze.toLowerCase());
  let writes = 0;
  if (hold !== undefined) {
    if (record.state !== "open") {
      await reopenIssue(gh, record.number);
      writes++;
    }
    if (!record.labels.some((l) => l.toLowerCase() === config.labels.freeze.toLowerCase())) {
      await writeLabels(gh, record.number, [config.labels.freeze], []);
      writes++;
    }
    writes += await noticeOnce(
      gh,
      config,
      record.number,
      botCommentsFrom(events, gh.trustedBots),
      hold,
      "record",
    );
    return { writes, changed: false };
  }
  if (freezing) return { writes, changed: false };
  // Lifted by someone who may: the original issue's hold ends with its label (the bot's own release).
  if (record.state === "open") {
    await closeIssue(gh, record.number, "completed");
    writes++;
  }
  if (original.labels.some((l) => l.toLowerCase() === config.labels.freeze_held.toLowerCase())) {
    await writeLabels(gh, origin, [], [config.labels.freeze_held]);
    writes++;
  }
  // An incident shows its hold on its board: it is reconciled next, so the board says the freeze lifted.
  return { writes, changed: writes > 0, ...(isIncident ? { released: origin } : {}) };
}

async function rolesOf(
  gh: GitHubContext,
  logins: readonly string[],
  cache: Map<string, Permission>,
): Promise<Map<string, Permission>> {
  const roles = new Map<string, Permission>();
  for (const login of logins) roles.set(login, await permissionOf(gh, login, cache));
  return roles;
}

/** One comment per hold naming who did what and who can lift it (without pinging anyone). */
async function noticeOnce(
  gh: GitHubContext,
  config: Config,
  number: number,
  botComments: readonly BotComment[],
  hold: FreezeHold,
  kind: "freeze" | "incident" | "record",
): Promise<number> {
  const identity = markerIdentity({ kind: "freeze-hold", data: { at: String(hold.at) } });
  if (botComments.some((c) => c.identity === identity)) return 0;
  const body = `${renderMarker("freeze-hold", { at: hold.at })}\n${holdNotice(hold, config, kind)}`;
  await createCommentOnce(gh, number, identity, body);
  return 1;
}
