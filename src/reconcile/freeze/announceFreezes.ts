import type { Settings } from "../../core/config/settings.js";
import type { UpcomingFreeze } from "../../core/freeze/upcomingFreezes.js";
import { upcomingFreezes } from "../../core/freeze/upcomingFreezes.js";
import { freezeCoversBranch } from "../../core/freeze/matches.js";
import { renderMarker, markerIdentity } from "../../core/markers.js";
import { renderTemplate } from "../../core/render/renderTemplate.js";
import { neutralizeInline } from "../../core/text/neutralize.js";
import { formatTime } from "../../core/time/formatTime.js";
import { durationMs } from "../../core/time/parseDuration.js";
import type { GitHubContext } from "../../github/types.js";
import { upsertMarkedComment } from "../../github/upsertMarkedComment.js";
import { freezeCalendar } from "./freezeCalendar.js";
import { listOpenPulls } from "../../github/pulls.js";
import type { FreezeInputs } from "./freezeInputs.js";

/**
 * One notice per scheduled freeze occurrence, `announce_before` ahead of it, so nobody is surprised by a
 * red check: a comment on every open pull request it would block, or one comment on a pinned tracking
 * issue. Runs only when an occurrence has just come into the announcement window (or on the periodic
 * full pass), and each notice is keyed by the occurrence, so repeats write nothing.
 */
export async function announceFreezes(
  gh: GitHubContext,
  settings: Settings,
  inputs: FreezeInputs,
  now: number,
  sweep: { lookbackMs: number; fullPass: boolean },
): Promise<number> {
  const { config, templates } = settings;
  const { lookbackMs, fullPass } = sweep;
  const upcoming = upcomingFreezes(config, now);
  if (upcoming.length === 0) return 0;
  const seenBefore = new Set(upcomingFreezes(config, now - lookbackMs).map((u) => u.key));
  const fresh = fullPass
    ? upcoming
    : upcoming.filter(
        (u) =>
          !seenBefore.has(u.key) || u.startsAt - durationMs(config.freeze.announce_before) > now - lookbackMs,
      );
  if (fresh.length === 0) return 0;
  const zone = config.business_hours.timezone;
  const body = (freeze: UpcomingFreeze) =>
    `${renderMarker("freeze-announce", { key: freeze.key })}\n${renderTemplate(
      templates["freeze-announcement"],
      {
        name: neutralizeInline(freeze.name, 120),
        starts: formatTime(freeze.startsAt, zone),
        ends: formatTime(freeze.endsAt, zone),
        branches:
          config.freeze.branches.length > 0
            ? config.freeze.branches.map((b) => `\`${b}\``).join(", ")
            : `\`${inputs.defaultBranch}\``,
      },
    )}`;
  let writes = 0;
  if (config.freeze.announce_on === "issue") {
    const calendar = await freezeCalendar(gh, config);
    const tracker = calendar.number;
    if (calendar.created) writes++;
    for (const freeze of fresh) {
      if (
        await upsertMarkedComment(
          gh,
          tracker,
          markerIdentity({ kind: "freeze-announce", data: { key: freeze.key } }),
          body(freeze),
        )
      )
        writes++;
    }
    return writes;
  }
  const pulls = await listOpenPulls(gh);
  for (const pull of pulls) {
    if (!freezeCoversBranch(pull.base.ref, config.freeze.branches, inputs.defaultBranch)) continue;
    for (const freeze of fresh) {
      if (
        await upsertMarkedComment(
          gh,
          pull.number,
          markerIdentity({ kind: "freeze-announce", data: { key: freeze.key } }),
          body(freeze),
        )
      )
        writes++;
    }
  }
  return writes;
}
