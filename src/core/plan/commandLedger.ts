import type { Permission } from "../snapshot.js";
import { PERMISSION_ORDER } from "../snapshot.js";
import type { BotComment } from "./botComments.js";

/** A command comment as the board last saw it. Times are epoch milliseconds, whole seconds. */
export interface LedgerComment {
  id: number;
  author: string;
  createdAt: number;
  updatedAt: number;
  /** The verbs its visible command lines named, in order ("ack", "cancel", …). */
  verbs: string[];
}

/** An edit or deletion of a command comment, kept because the text it replaced is gone from GitHub. */
export interface CommandChange {
  commentId: number;
  author: string;
  /** When the comment was posted. */
  postedAt: number;
  /** When the edit was made (its updated_at), or when the deletion was first noticed. */
  at: number;
  kind: "edited" | "deleted";
  before: string[];
  after: string[];
}

/**
 * What the board remembers, in its hidden marker, about the command comments it was rendered from. It
 * holds no verdicts: every command is judged again on each reconcile from the text as it stands. It
 * remembers repository roles only to spare look-ups, and the reconciler believes them only for text
 * older than `seen` and never above write (anyone with write access can edit the board).
 */
export interface CommandLedger {
  /** The latest updated_at among the command comments the board was rendered from (0: none). */
  seen: number;
  /** Roles looked up for command authors and for people commands named, lower-case login → role. */
  permissions: Map<string, Permission>;
  comments: Map<number, LedgerComment>;
  changes: CommandChange[];
  /**
   * When a person last took the freeze-held label off, once a reconcile had closed the hold records that
   * could be left open by it (0: never). Spares every later reconcile looking for records again.
   */
  holdLabelOff: number;
}

// Bounds that keep the marker small (under ~10 kB) whatever happens on the issue: the oldest go first.
const MAX_COMMENTS = 200;
const MAX_CHANGES = 50;
const CODES: Record<Permission, string> = {
  none: "n",
  read: "r",
  triage: "t",
  write: "w",
  maintain: "m",
  admin: "a",
};

export function emptyLedger(): CommandLedger {
  return { seen: 0, permissions: new Map(), comments: new Map(), changes: [], holdLabelOff: 0 };
}

/** The ledger a bot-authored board carries; anything unreadable is simply not remembered. */
export function readLedger(board: BotComment | undefined): CommandLedger {
  const ledger = emptyLedger();
  if (board === undefined) return ledger;
  const data = board.marker.data;
  ledger.seen = seconds(data.seen);
  ledger.holdLabelOff = seconds(data.hloff);
  for (const entry of items(data.perms)) {
    const [login, code] = entry.split(".");
    const permission = PERMISSION_ORDER.find((p) => CODES[p] === code);
    if (login && permission) ledger.permissions.set(login.toLowerCase(), permission);
  }
  for (const entry of items(data.cmds)) {
    const [id, author, created, updated, verbs] = entry.split(".");
    const comment = {
      id: base36(id),
      author: author ?? "",
      createdAt: seconds(created),
      // Most comments are never edited: an empty edit time means "as posted".
      updatedAt: updated ? seconds(updated) : seconds(created),
      verbs: list(verbs),
    };
    if (comment.id > 0 && comment.author !== "") ledger.comments.set(comment.id, comment);
  }
  for (const entry of items(data.changes)) {
    const [id, author, posted, at, kind, before, after] = entry.split(".");
    if (kind !== "e" && kind !== "d") continue;
    ledger.changes.push({
      commentId: base36(id),
      author: author ?? "",
      postedAt: seconds(posted),
      at: seconds(at),
      kind: kind === "e" ? "edited" : "deleted",
      before: list(before),
      after: list(after),
    });
  }
  return ledger;
}

/** The board marker's data for a ledger (values are URI-encoded by renderMarker). */
export function ledgerData(ledger: CommandLedger): Record<string, string> {
  const data: Record<string, string> = {};
  if (ledger.seen > 0) data.seen = stamp(ledger.seen);
  if (ledger.holdLabelOff > 0) data.hloff = stamp(ledger.holdLabelOff);
  const perms = [...ledger.permissions]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([login, permission]) => `${login}.${CODES[permission]}`);
  if (perms.length > 0) data.perms = perms.join("~");
  const comments = [...ledger.comments.values()]
    .sort((a, b) => a.id - b.id)
    .slice(-MAX_COMMENTS)
    .map((c) =>
      [
        c.id.toString(36),
        c.author,
        stamp(c.createdAt),
        c.updatedAt === c.createdAt ? "" : stamp(c.updatedAt),
        c.verbs.join("!"),
      ].join("."),
    );
  if (comments.length > 0) data.cmds = comments.join("~");
  const changes = ledger.changes
    .slice(-MAX_CHANGES)
    .map((c) =>
      [
        c.commentId.toString(36),
        c.author,
        stamp(c.postedAt),
        stamp(c.at),
        c.kind === "edited" ? "e" : "d",
        c.before.join("!"),
        c.after.join("!"),
      ].join("."),
    );
  if (changes.length > 0) data.changes = changes.join("~");
  return data;
}

/** Whole seconds, as GitHub reports comment times. */
export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function stamp(ms: number): string {
  return Math.floor(ms / 1000).toString(36);
}

function seconds(value: string | undefined): number {
  const n = base36(value);
  return n > 0 ? n * 1000 : 0;
}

function base36(value: string | undefined): number {
  const n = parseInt(value ?? "", 36);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function items(value: string | undefined): string[] {
  return (value ?? "").split("~").filter((item) => item !== "");
}

function list(value: string | undefined): string[] {
  return (value ?? "").split("!").filter((item) => /^[a-z-]+$/.test(item));
}

/**
 * The ledger after this reconcile: every command comment as it stands, the roles used to judge them, and
 * the edits and deletions noticed since the last one. `humanComments` are the ids of every comment people
 * wrote, so a command comment edited into plain text counts as edited, not deleted.
 */
export function nextLedger(
  previous: CommandLedger,
  current: ReadonlyArray<{
    id: number;
    author: string;
    createdAt: number;
    updatedAt: number;
    verbs: string[];
  }>,
  humanComments: ReadonlyMap<number, { updatedAt: number }>,
  roles: { referenced: Iterable<string>; fetched: ReadonlyMap<string, Permission> },
  now: number,
): CommandLedger {
  const next = emptyLedger();
  next.changes = [...previous.changes];
  next.holdLabelOff = previous.holdLabelOff;
  const logged = new Set(next.changes.map((c) => `${c.commentId}:${c.at}`));
  const record = (change: CommandChange) => {
    if (logged.has(`${change.commentId}:${change.at}`)) return;
    logged.add(`${change.commentId}:${change.at}`);
    next.changes.push(change);
  };
  for (const comment of current) {
    const entry = {
      ...comment,
      createdAt: toSeconds(comment.createdAt),
      updatedAt: toSeconds(comment.updatedAt),
    };
    next.comments.set(entry.id, entry);
    next.seen = Math.max(next.seen, entry.updatedAt);
    const before = previous.comments.get(entry.id);
    // Within one second GitHub's times cannot tell an edit apart; a change of commands still can.
    const edited = before
      ? before.updatedAt !== entry.updatedAt || before.verbs.join() !== entry.verbs.join()
      : entry.updatedAt > entry.createdAt;
    if (edited)
      record({
        commentId: entry.id,
        author: entry.author,
        postedAt: entry.createdAt,
        at: entry.updatedAt,
        kind: "edited",
        before: before?.verbs ?? [],
        after: entry.verbs,
      });
  }
  for (const before of previous.comments.values()) {
    if (next.comments.has(before.id)) continue;
    const still = humanComments.get(before.id);
    record({
      commentId: before.id,
      author: before.author,
      postedAt: before.createdAt,
      at: still ? toSeconds(still.updatedAt) : toSeconds(now),
      kind: still ? "edited" : "deleted",
      before: before.verbs,
      after: [],
    });
  }
  // Roles as GitHub answered them (the cap at write is applied when they are used, not stored).
  for (const referenced of roles.referenced) {
    const login = referenced.toLowerCase();
    const permission = roles.fetched.get(login) ?? previous.permissions.get(login);
    if (permission) next.permissions.set(login, permission);
  }
  return next;
}
