import type { Config } from "../config/schema.js";
import type { Permission } from "../snapshot.js";
import { permits } from "../snapshot.js";
import type { CommandComment } from "../projection/commandComments.js";
import { namedPeople } from "../projection/commandComments.js";
import type { CommandLedger } from "./commandLedger.js";
import { toSeconds } from "./commandLedger.js";

export interface RolesNeeded {
  /** Roles taken from the board's ledger, already capped at write. */
  known: Map<string, Permission>;
  /** Lower-case logins whose role must be read from GitHub now. */
  lookUp: string[];
}

/**
 * Whose repository role a reconcile needs: every command author, and everyone a command names for a role.
 * A role the board remembers is reused only for comments it already saw in their current text, and only
 * up to write: the board can be edited by anyone with write access, so it cannot vouch for more. A
 * comment that is new or edited since then brings a fresh look-up for its author and everyone it names.
 */
export function rolesToLookUp(
  comments: readonly CommandComment[],
  ledger: CommandLedger,
  config: Config,
): RolesNeeded {
  const trustAuthors = permits("write", config.commands.permission);
  const fresh = new Set<string>();
  const cached = new Set<string>();
  for (const { comment, lines } of comments) {
    const seen = toSeconds(comment.updatedAt) <= ledger.seen;
    const author = comment.author.toLowerCase();
    const named = lines.flatMap((line) => namedPeople(line, comment.author)).map((l) => l.toLowerCase());
    for (const login of [author, ...named]) {
      const remembered = ledger.permissions.has(login);
      if (!seen || !remembered || (login === author && !trustAuthors)) fresh.add(login);
      else cached.add(login);
    }
  }
  const known = new Map<string, Permission>();
  for (const login of cached) {
    if (fresh.has(login)) continue;
    const remembered = ledger.permissions.get(login) ?? "none";
    known.set(login, permits(remembered, "write") ? "write" : remembered);
  }
  return { known, lookUp: [...fresh] };
}
