import type { Config } from "../../core/config/schema.js";
import { parseCommands } from "../../core/commands/parseCommands.js";
import { pullRequestHelp } from "../../core/plan/pullRequestHelp.js";
import { renderFreezeIssue } from "../../core/freeze/freezeIssue.js";
import { parseMarker, renderMarker } from "../../core/markers.js";
import { neutralize } from "../../core/text/neutralize.js";
import { formatTime } from "../../core/time/formatTime.js";
import { permits } from "../../core/snapshot.js";
import type { Permission } from "../../core/snapshot.js";
import type { GitHubContext } from "../../github/types.js";
import { permissionOf } from "../../github/permissionOf.js";
import { createCommentOnce } from "../../github/writeComments.js";
import { closeIssue, createIssueOnce, listIssues } from "../../github/issues.js";
import { writeLabels } from "../../github/writeLabels.js";
import { listComments } from "../../github/listComments.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";
import type { FreezeInputs } from "./freezeInputs.js";

/**
 * `/freeze <until> <reason>` (anywhere) opens a `code-freeze` issue; `/unfreeze` closes the freeze issue
 * it is typed on, or every open manual freeze when typed elsewhere. Each command line is answered once
 * (the reply's marker names it), so redeliveries and sweeps never open a second freeze issue.
 * Returns the writes made and whether freezes changed (so pull requests get re-evaluated).
 */
export async function runFreezeCommands(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  number: number,
  now: number,
  where: "pull-request" | "incident" | "issue" = "issue",
): Promise<{ writes: number; changed: boolean }> {
  const pullRequest = where === "pull-request";
  const comments = await listComments(gh, number);
  const answered = new Set<string>();
  for (const c of comments) {
    if (!gh.trustedBots.has(c.author.toLowerCase())) continue;
    const marker = parseMarker(c.body);
    if (marker?.kind === "freeze-reply" || marker?.kind === "reply")
      answered.add(`${marker.data.comment}:${marker.data.line}`);
  }
  const zone = config.business_hours.timezone;
  const permissions = new Map<string, Permission>();
  let writes = 0;
  let changed = false;
  for (const c of comments) {
    const author = c.author;
    if (gh.trustedBots.has(author.toLowerCase())) continue;
    const at = c.createdAt;
    for (const line of parseCommands(c.body, { at, timeZone: zone, roles: config.roles.extra })) {
      // On a pull request, /help lists what can be typed there (incidents answer it themselves).
      if (pullRequest && line.ok && line.command.verb === "help" && !answered.has(`${c.id}:${line.line}`)) {
        const data = { comment: c.id, line: line.line };
        const body = `${renderMarker("reply", data)}\n${pullRequestHelp(author)}`;
        await createCommentOnce(gh, number, `reply:${c.id}:${line.line}`, body);
        writes++;
        continue;
      }
      const verb = line.ok ? line.command.verb : line.verb;
      if (verb !== "freeze" && verb !== "unfreeze") continue;
      if (answered.has(`${c.id}:${line.line}`)) continue;
      const reply = (text: string) =>
        createCommentOnce(
          gh,
          number,
          `freeze-reply:comment=${c.id}&line=${line.line}`,
          `${renderMarker("freeze-reply", { comment: c.id, line: line.line })}\n${text}`,
        );
      // A command that cannot be read is answered with what is wrong with it; on an incident the incident's
      // own reply does that.
      if (!line.ok) {
        if (where === "incident") continue;
        await reply(`@${neutralize(author)} I did not run \`/${verb}\`: ${line.error}\n\n${line.usage}`);
        writes++;
        continue;
      }
      const permission = await permissionOf(gh, author, permissions);
      if (!permits(permission, config.commands.freeze_permission)) {
        await reply(
          `@${neutralize(author)} \`/${line.command.verb}\` needs the **${config.commands.freeze_permission}** role on this repository, and you have **${permission}**. Ask a maintainer or the on-call engineer.`,
        );
        writes++;
        continue;
      }
      if (line.command.verb === "freeze") {
        if (line.command.until <= now) {
          await reply(
            `@${neutralize(author)} that freeze would already be over (${formatTime(line.command.until, zone)}). Give a later end, e.g. \`/freeze 2026-12-28 09:00 holiday closure\`.`,
          );
          writes++;
          continue;
        }
        await ensureRepoLabels(gh, config, [config.labels.freeze]);
        const rendered = renderFreezeIssue({
          until: line.command.until,
          reason: line.command.reason,
          branches: line.command.branches ?? [],
          requestedBy: author,
          zone,
          requestedIn: c.url,
        });
        const created = await openFreezeIssueOnce(gh, config, rendered, c.url);
        await reply(
          `🧊 Code freeze started until **${formatTime(line.command.until, zone)}**: #${created}. Close that issue or comment \`/unfreeze\` to lift it.`,
        );
        writes += 2;
        changed = true;
      } else {
        // Here: this freeze issue, or the hold records keeping this issue's freeze. Anywhere else: every
        // manual freeze (a held one is lifted where it was held).
        const records = inputs.freezeIssues.filter((f) => f.heldFor === number).map((f) => f.number);
        const targets = inputs.freezeIssues.some((f) => f.number === number)
          ? [number]
          : records.length > 0
            ? records
            : inputs.freezeIssues.filter((f) => f.heldFor === undefined).map((f) => f.number);
        for (const target of targets) {
          await closeIssue(gh, target, "completed");
          // A record's freeze ends with the hold label of the issue it held (Expedite's own release).
          const origin = inputs.freezeIssues.find((f) => f.number === target)?.heldFor;
          if (origin !== undefined) await writeLabels(gh, origin, [], [config.labels.freeze_held]);
        }
        await reply(
          targets.length > 0
            ? `🌤️ Freeze lifted: ${targets.map((t) => `#${t}`).join(", ")} closed.`
            : "There is no manual freeze open; scheduled freezes end on their own schedule.",
        );
        writes += targets.length + 1;
        changed ||= targets.length > 0;
      }
    }
  }
  return { writes, changed };
}

/** The freeze issue for one command: found by the command's URL in its body, else created once. */
async function openFreezeIssueOnce(
  gh: GitHubContext,
  config: Config,
  rendered: { title: string; body: string },
  source: string,
): Promise<number> {
  const find = async () => {
    const issues = await listIssues(gh, { labels: config.labels.freeze, state: "all" });
    const found = issues.find(
      (i) => gh.trustedBots.has((i.user?.login ?? "").toLowerCase()) && (i.body ?? "").includes(source),
    );
    return found ? { number: found.number, url: found.html_url } : undefined;
  };
  const existing = await find();
  if (existing) return existing.number;
  return (await createIssueOnce(gh, { ...rendered, labels: [config.labels.freeze], find })).number;
}
