import type { Config } from "../core/config/schema.js";
import { markerIdentity, parseMarker } from "../core/markers.js";
import { deviationsDue, renderDeviationFollowup } from "../core/postmortem/deviationFollowup.js";
import type { Templates } from "../core/render/templates.js";
import type { Incident } from "../core/types.js";
import { ensureRepoLabels } from "../github/ensureRepoLabels.js";
import { byMarker, createIssueOnce, markedIssues } from "../github/issues.js";
import type { GitHubContext } from "../github/types.js";

/**
 * Every shortcut becomes tracked debt (playbook 001), at every severity: when an incident without a
 * post-mortem closes, each `/deviation` opens one `incident-followup` issue, found again by its marker on
 * every later reconcile so none is opened twice. Returns them all, for the board.
 */
export async function ensureDeviationFollowups(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  incident: Incident,
): Promise<{ followups?: Incident["followups"]; writes: number }> {
  if (!deviationsDue(incident, config)) return { writes: 0 };
  const existing = await markedIssues(gh, config.labels.followup);
  const mine = existing.filter((i) => i.identity.startsWith(`followup:incident=${incident.number}&`));
  const followups: Incident["followups"] = mine.map((i) => ({
    number: i.number,
    url: i.url,
    title: i.title,
  }));
  const known = new Set(existing.map((i) => i.identity));
  let writes = 0;
  for (const deviation of incident.deviations) {
    const rendered = renderDeviationFollowup(templates["followup-deviation"], deviation, incident);
    const marker = parseMarker(rendered.body);
    if (!marker) continue;
    const identity = markerIdentity(marker);
    if (known.has(identity)) continue;
    await ensureRepoLabels(gh, config, [config.labels.followup]);
    const created = await createIssueOnce(gh, {
      title: rendered.title,
      body: rendered.body,
      labels: [config.labels.followup],
      find: byMarker(gh, config.labels.followup, identity),
    });
    writes++;
    known.add(identity);
    followups.push({ number: created.number, url: created.url, title: rendered.title });
  }
  return { followups: followups.sort((a, b) => a.number - b.number), writes };
}
