import type { Config } from "../../core/config/schema.js";
import type { Incident, PostmortemLink } from "../../core/types.js";
import type { Templates } from "../../core/render/templates.js";
import { parseActionItems } from "../../core/postmortem/actionItems.js";
import { renderFollowupIssue } from "../../core/postmortem/followupIssue.js";
import type { GitHubContext } from "../../github/types.js";
import { repoInfo } from "../../github/repoInfo.js";
import { readFile } from "../../github/git.js";
import { openFollowups } from "./openFollowups.js";

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
  const wanted = items.map((item) =>
    renderFollowupIssue(templates["followup-issue"], item, {
      incident,
      postmortemUrl: pm.url,
      postmortemPr: pm.number,
    }),
  );
  return openFollowups(gh, config, incident.number, wanted);
}
