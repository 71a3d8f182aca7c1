import type { Config } from "../../core/config/schema.js";
import type { Incident } from "../../core/types.js";
import { markerIdentity, parseMarker } from "../../core/markers.js";
import type { GitHubContext } from "../../github/types.js";
import { byMarker, createIssueOnce, markedIssues } from "../../github/issues.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";

/**
 * Opens the incident's follow-up issues that do not exist yet, each found again by its marker (keyed by
 * the incident and the item's text), so a redelivered event or a second reconciler never opens one twice.
 * Returns every follow-up of the incident, those opened before included, for the board.
 */
export async function openFollowups(
  gh: GitHubContext,
  config: Config,
  incidentNumber: number,
  wanted: ReadonlyArray<{ title: string; body: string }>,
): Promise<{ followups: Incident["followups"]; writes: number }> {
  const label = config.labels.followup;
  const existing = await markedIssues(gh, label);
  const followups: Incident["followups"] = existing
    .filter((i) => i.identity.startsWith(`followup:incident=${incidentNumber}&`))
    .map((i) => ({ number: i.number, url: i.url, title: i.title }));
  const known = new Set(existing.map((i) => i.identity));
  let writes = 0;
  for (const issue of wanted) {
    const marker = parseMarker(issue.body);
    if (!marker) continue;
    const identity = markerIdentity(marker);
    if (known.has(identity)) continue;
    await ensureRepoLabels(gh, config, [label]);
    const created = await createIssueOnce(gh, {
      ...issue,
      labels: [label],
      find: byMarker(gh, label, identity),
    });
    writes++;
    known.add(identity);
    followups.push({ number: created.number, url: created.url, title: issue.title });
  }
  return { followups: followups.sort((a, b) => a.number - b.number), writes };
}
