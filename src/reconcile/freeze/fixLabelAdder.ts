import type { Config } from "../../core/config/schema.js";
import type { Permission } from "../../core/snapshot.js";
import { permits } from "../../core/snapshot.js";
import type { GitHubContext } from "../../github/types.js";
import { readTimeline } from "../../github/readTimeline.js";
import { permissionOf } from "../../github/permissionOf.js";

/**
 * Who put the `incident-fix` label on a pull request (its latest `labeled` event) and whether they hold
 * the freeze permission: the label lets a PR through an incident's freeze, so it counts only from someone
 * who could have lifted that freeze. Anyone with triage can add labels.
 */
export async function fixLabelAdder(
  gh: GitHubContext,
  config: Config,
  number: number,
): Promise<{ by: string; permitted: boolean } | undefined> {
  const name = config.labels.incident_fix.toLowerCase();
  const events = await readTimeline(gh, number);
  const added = events
    .filter((e) => e.type === "labeled" && e.label.toLowerCase() === name)
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .at(-1);
  if (!added) return undefined;
  const permission = await permissionOf(gh, added.actor, new Map<string, Permission>());
  return { by: added.actor, permitted: permits(permission, config.commands.freeze_permission) };
}
