import type { Config } from "../config/schema.js";
import type { CommentSnapshot, TimelineEvent } from "../snapshot.js";
import type { ParsedLine } from "../commands/types.js";
import { parseCommands } from "../commands/parseCommands.js";

/** A person's comment that carries at least one command line, parsed from its text as it stands now. */
export interface CommandComment {
  comment: CommentSnapshot;
  lines: ParsedLine[];
}

/** Every command-carrying comment of the timeline that a person (not a trusted bot) wrote, in order. */
export function commandComments(
  events: readonly TimelineEvent[],
  trustedBots: ReadonlySet<string>,
  config: Config,
): CommandComment[] {
  const found: CommandComment[] = [];
  for (const event of events) {
    if (event.type !== "commented" || trustedBots.has(event.comment.author.toLowerCase())) continue;
    const lines = parseCommands(event.comment.body, {
      at: event.comment.createdAt,
      timeZone: config.business_hours.timezone,
      roles: config.roles.extra,
    });
    if (lines.length > 0) found.push({ comment: event.comment, lines });
  }
  return found;
}

/** People a command line names for a role (`/lead @x`, `/comms @x`, `/role r @x`); "me" is the author. */
export function namedPeople(line: ParsedLine, author: string): string[] {
  if (!line.ok) return [];
  const command = line.command;
  if (command.verb !== "lead" && command.verb !== "comms" && command.verb !== "role") return [];
  return [command.user.toLowerCase() === "me" ? author : command.user];
}
