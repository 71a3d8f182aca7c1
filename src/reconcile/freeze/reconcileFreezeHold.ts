import type { Config } from "../../core/config/schema.js";
import type { IssueSnapshot, Permission } from "../../core/snapshot.js";
import type { FreezeHold } from "../../core/freeze/freezeHold.js";
import { freezeHoldOf, holdActors } from "../../core/freeze/freezeHold.js";
import { freezeIssueSteps } from "../../core/freeze/freezeIssueSteps.js";
import { holdNotice } from "../../core/freeze/holdNotice.js";
import { botCommentsFrom } from "../../core/plan/botComments.js";
import { markerIdentity, renderMarker } from "../../core/markers.js";
import type { GitHubContext } from "../../github/types.js";
import { readTimeline } from "../../github/readTimeline.js";
import { permissionOf } from "../../github/permissionOf.js";
import { writeLabels } from "../../github/writeLabels.js";
import { createCommentOnce } from "../../github/writeComments.js";
import { currentIssue } from "../../core/projection/currentIssue.js";
import { projectWithRoles } from "../projectWithRoles.js";

/** Whether an issue is a manual freeze issue Expedite opened (its author and hidden details). */
export function isFreezeIssue(issue: IssueSnapshot, trustedBots: ReadonlySet<string>): boolean {
  return trustedBots.has(issue.author.toLowerCase()) && issue.body.startsWith("<!-- expedite:freeze ");
}

/**
 * The freeze of a manual freeze issue, or of an issue that stopped being an incident, after a hand change:
 * it holds when the change was made by someone without the role to lift it. The hold is recorded with the
 * hold label (what the freeze checks read) and one comment saying who did what and who can lift it;
 * nothing they did is reverted. Incidents record their hold on the board instead (reconcileIncident).
 */
export async function reconcileFreezeHold(
  gh: GitHubContext,
  config: Config,
  hint: IssueSnapshot,
  now: number,
  permissions: Map<string, Permission>,
): Promise<{ writes: number; changed: boolean }> {
  const events = await readTimeline(gh, hint.number);
  const issue = currentIssue(hint, events);
  const botComments = botCommentsFrom(events, gh.trustedBots);
  const freezeIssue = isFreezeIssue(issue, gh.trustedBots);
  let hold: FreezeHold | undefined;
  if (freezeIssue) {
    const steps = freezeIssueSteps(events, config, (login) => gh.trustedBots.has(login.toLowerCase()));
    const roles = new Map<string, Permission>();
    for (const login of holdActors(steps, true)) roles.set(login, await permissionOf(gh, login, permissions));
    hold = freezeHoldOf(steps, true, roles, config.commands.freeze_permission);
  } else {
    hold = (await projectWithRoles(gh, config, issue, events, botComments, now, permissions)).incident
      .freezeHold;
  }

  const label = config.labels.freeze_held;
  const labelled = issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  let writes = 0;
  if (hold !== undefined && !labelled) {
    await writeLabels(gh, issue.number, [label], []);
    writes++;
  } else if (hold === undefined && labelled) {
    await writeLabels(gh, issue.number, [], [label]);
    writes++;
  }
  if (hold !== undefined) {
    const identity = markerIdentity({ kind: "freeze-hold", data: { at: String(hold.at) } });
    const posted = botComments.some((c) => c.identity === identity);
    if (!posted) {
      const body = `${renderMarker("freeze-hold", { at: hold.at })}\n${holdNotice(hold, config, freezeIssue ? "freeze" : "incident")}`;
      await createCommentOnce(gh, issue.number, identity, body);
      writes++;
    }
  }
  return { writes, changed: (hold !== undefined) !== labelled };
}
