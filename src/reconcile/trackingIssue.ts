import type { Config } from "../core/config/schema.js";
import { renderMarker } from "../core/markers.js";
import { ensureRepoLabels } from "../github/ensureRepoLabels.js";
import { closeIssue, createIssueOnce, markedIssues } from "../github/issues.js";
import type { GitHubContext } from "../github/types.js";

/**
 * The bot's one issue of a kind (the freeze calendar, the release announcements), found by its marker among
 * the issues with `label`: the oldest, open or closed (a closed one still holds the records of what was sent,
 * so a message recorded there is never sent again), else a new one. Two reconcilers that both open one
 * settle on the older and close the other, so both keep their records in one place.
 */
export async function trackingIssue(
  gh: GitHubContext,
  config: Config,
  spec: { label: string; kind: string; title: string; text: string },
): Promise<{ number: number; url: string; created: boolean }> {
  const find = async () =>
    (await markedIssues(gh, spec.label, "all"))
      .filter((i) => i.identity === spec.kind)
      .sort((a, b) => a.number - b.number);
  const [existing] = await find();
  if (existing) return { number: existing.number, url: existing.url, created: false };
  await ensureRepoLabels(gh, config, [spec.label]);
  const created = await createIssueOnce(gh, {
    title: spec.title,
    body: `${renderMarker(spec.kind)}\n${spec.text}`,
    labels: [spec.label],
    find: async () => (await find())[0],
  });
  const [oldest] = await find();
  if (oldest && oldest.number < created.number) {
    await closeIssue(gh, created.number, "not_planned", { body: `Duplicate of #${oldest.number}.` });
    return { number: oldest.number, url: oldest.url, created: true };
  }
  return { ...created, created: true };
}
