import type { Config } from "../../core/config/schema.js";
import type { Incident, PostmortemLink } from "../../core/types.js";
import type { Templates } from "../../core/render/templates.js";
import { parseActionItems } from "../../core/postmortem/actionItems.js";
import { renderFollowupIssue } from "../../core/postmortem/followupIssue.js";
import { markerIdentity, parseMarker } from "../../core/markers.js";
import type { GitHubContext } from "../../github/types.js";
import { repoInfo } from "../../github/repoInfo.js";
import { readFile } from "../../github/git.js";
import { byMarker, createIssueOnce, markedIssues } from "../../github/issues.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";

/**
 * After the post-mortem merged: one `incident-followup` issue per action item still unticked in the
 * merged document. Each is keyed by the incident and the item's text, so a redelivered merge (or a second
 * reconciler) finds the issue it would have opened instead of opening another.
 */
export async function ensureFollowups(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  incident: Incident,
  pm: PostmortemLink,
): Promise<{ followups: Incident["followups"]; writes: number }> {
  if (pm.state !== "merged") return { followups: [], writes: 0 };
  const { defaultBranch } = await repoInfo(gh);
  const file = await readFile(gh, pm.path, defaultBranch);
  const items = file ? parseActionItems(file.text).filter((i) => !i.checked) : [];
  const existing = await markedIssues(gh, config.labels.followup);
  const mine = existing.filter((i) => i.identity.startsWith(`followup:incident=${incident.number}&`));
  const followups: Incident["followups"] = mine.map((i) => ({
    number: i.number,
    url: i.url,
    title: i.title,
  }));
  let writes = 0;
  for (const item of items) {
    const rendered = renderFollowupIssue(templates["followup-issue"], item, {
      incident,
      postmortemUrl: pm.url,
      postmortemPr: pm.number,
    });
    const marker = parseMarker(rendered.body);
    if (!marker) continue;
    const identity = markerIdentity(marker);
    if (existing.some((i) => i.identity === identity)) continue;
    await ensureRepoLabels(gh, config, [config.labels.followup]);
    const created = await createIssueOnce(gh, {
      title: rendered.title,
      body: rendered.body,
      labels: [config.labels.followup],
      find: byMarker(gh, config.labels.followup, identity),
    });
    writes++;
    followups.push({ number: created.number, url: created.url, title: rendered.title });
  }
  return { followups: followups.sort((a, b) => a.number - b.number), writes };
}
