import type { Config } from "../config/schema.js";
import { parseCommands } from "../commands/parseCommands.js";
import { pullRequestHelp } from "../plan/pullRequestHelp.js";
import { parseMarker, renderMarker } from "../markers.js";
import { permits } from "../snapshot.js";
import type { Permission } from "../snapshot.js";
import { neutralize } from "../text/neutralize.js";
import { formatTime } from "../time/formatTime.js";
import { renderFreezeIssue } from "./freezeIssue.js";
import type { FreezeIssue } from "./types.js";

/** What `/freeze` and `/unfreeze` on one issue or pull request are decided from. */
export interface FreezeCommandsRead {
  number: number;
  /** Where they were typed: an incident answers unreadable commands itself; a pull request answers /help. */
  where: "pull-request" | "incident" | "issue";
  comments: ReadonlyArray<{ id: number; author: string; body: string; at: number; url: string }>;
  /** The open freeze issues (manual freezes and hold records). */
  freezeIssues: readonly FreezeIssue[];
  trustedBots: ReadonlySet<string>;
  /** Repository roles of those who typed a command not answered yet, by lower-case login. */
  permissions?: ReadonlyMap<string, Permission>;
}

/** One write, or a few that go together, in the order the commands were typed. */
export type FreezeCommandStep =
  /** A reply created once on the thread (help, a refusal, a lifted freeze). */
  | { kind: "reply"; identity: string; body: string; close?: undefined }
  /**
   * `/freeze`: the `code-freeze` issue opened once (found again by `source`, the command's address), then
   * the reply naming it (`freezeStartedReply`, once the issue's number is known).
   */
  | {
      kind: "freeze";
      identity: string;
      marker: string;
      until: number;
      source: string;
      issue: { title: string; body: string };
    }
  /**
   * `/unfreeze`: these freeze issues closed, each with the hold label taken off the issue it held (a hold
   * record's), then the reply.
   */
  | { kind: "unfreeze"; identity: string; body: string; close: Array<{ number: number; heldFor?: number }> };

export interface FreezeCommandsPlan {
  number: number;
  steps: FreezeCommandStep[];
  /** A freeze starts or ends: every open pull request's verdict may change with it. */
  changed: boolean;
}

/**
 * `/freeze <until> <reason>` (anywhere) opens a `code-freeze` issue; `/unfreeze` closes the freeze issue it
 * is typed on, or every open manual freeze when typed elsewhere. Each command line is answered once (the
 * reply's marker names it), so redeliveries and sweeps never open a second freeze issue. Returns the
 * logins whose role must be read first when the read lacks them.
 */
export function planFreezeCommands(
  read: FreezeCommandsRead,
  config: Config,
  now: number,
): { plan: FreezeCommandsPlan; needs?: undefined } | { needs: { permissions: string[] }; plan?: undefined } {
  const { number, where, trustedBots } = read;
  const answered = new Set<string>();
  for (const c of read.comments) {
    if (!trustedBots.has(c.author.toLowerCase())) continue;
    const marker = parseMarker(c.body);
    if (marker?.kind === "freeze-reply" || marker?.kind === "reply")
      answered.add(`${marker.data.comment}:${marker.data.line}`);
  }
  const zone = config.business_hours.timezone;
  const steps: FreezeCommandStep[] = [];
  const missing = new Set<string>();
  let changed = false;
  for (const c of read.comments) {
    const author = c.author;
    if (trustedBots.has(author.toLowerCase())) continue;
    for (const line of parseCommands(c.body, { at: c.at, timeZone: zone, roles: config.roles.extra })) {
      // On a pull request, /help lists what can be typed there (incidents answer it themselves).
      if (
        where === "pull-request" &&
        line.ok &&
        line.command.verb === "help" &&
        !answered.has(`${c.id}:${line.line}`)
      ) {
        steps.push({
          kind: "reply",
          identity: `reply:${c.id}:${line.line}`,
          body: `${renderMarker("reply", { comment: c.id, line: line.line })}\n${pullRequestHelp(author)}`,
        });
        continue;
      }
      const verb = line.ok ? line.command.verb : line.verb;
      if (verb !== "freeze" && verb !== "unfreeze") continue;
      if (answered.has(`${c.id}:${line.line}`)) continue;
      const identity = `freeze-reply:comment=${c.id}&line=${line.line}`;
      const marker = renderMarker("freeze-reply", { comment: c.id, line: line.line });
      const reply = (text: string): FreezeCommandStep => ({
        kind: "reply",
        identity,
        body: `${marker}\n${text}`,
      });
      // A command that cannot be read is answered with what is wrong with it; on an incident the incident's
      // own reply does that.
      if (!line.ok) {
        if (where !== "incident")
          steps.push(
            reply(`@${neutralize(author)} I did not run \`/${verb}\`: ${line.error}\n\n${line.usage}`),
          );
        continue;
      }
      const permission = read.permissions?.get(author.toLowerCase());
      if (permission === undefined) {
        missing.add(author);
        continue;
      }
      if (!permits(permission, config.commands.freeze_permission)) {
        steps.push(
          reply(
            `@${neutralize(author)} \`/${line.command.verb}\` needs the **${config.commands.freeze_permission}** role on this repository, and you have **${permission}**. Ask a maintainer or the on-call engineer.`,
          ),
        );
        continue;
      }
      if (line.command.verb === "freeze") {
        if (line.command.until <= now) {
          steps.push(
            reply(
              `@${neutralize(author)} that freeze would already be over (${formatTime(line.command.until, zone)}). Give a later end, e.g. \`/freeze 2026-12-28 09:00 holiday closure\`.`,
            ),
          );
          continue;
        }
        const issue = renderFreezeIssue({
          until: line.command.until,
          reason: line.command.reason,
          branches: line.command.branches ?? [],
          requestedBy: author,
          zone,
          requestedIn: c.url,
        });
        steps.push({ kind: "freeze", identity, marker, until: line.command.until, source: c.url, issue });
        changed = true;
      } else {
        // Here: this freeze issue, or the hold records keeping this issue's freeze. Anywhere else: every
        // manual freeze (a held one is lifted where it was held).
        const records = read.freezeIssues.filter((f) => f.heldFor === number).map((f) => f.number);
        const targets = read.freezeIssues.some((f) => f.number === number)
          ? [number]
          : records.length > 0
            ? records
            : read.freezeIssues.filter((f) => f.heldFor === undefined).map((f) => f.number);
        // A record's freeze ends with the hold label of the issue it held (Expedite's own release).
        const close = targets.map((target) => {
          const heldFor = read.freezeIssues.find((f) => f.number === target)?.heldFor;
          return { number: target, ...(heldFor !== undefined ? { heldFor } : {}) };
        });
        const text =
          targets.length > 0
            ? `🌤️ Freeze lifted: ${targets.map((t) => `#${t}`).join(", ")} closed.`
            : "There is no manual freeze open; scheduled freezes end on their own schedule.";
        steps.push({ kind: "unfreeze", identity, body: `${marker}\n${text}`, close });
        changed ||= close.length > 0;
      }
    }
  }
  if (missing.size > 0) return { needs: { permissions: [...missing] } };
  return { plan: { number, steps, changed } };
}

/** The reply to `/freeze`, once its freeze issue has a number. */
export function freezeStartedReply(
  step: Extract<FreezeCommandStep, { kind: "freeze" }>,
  issue: number,
  zone: string,
): string {
  return `${step.marker}\n🧊 Code freeze started until **${formatTime(step.until, zone)}**: #${issue}. Close that issue or comment \`/unfreeze\` to lift it.`;
}
