import type { Severity } from "../types.js";

// What one slash command asks for, already validated. Times are epoch milliseconds; logins carry no "@";
// the login "me" stands for the comment's author, which only the caller knows.
export type Command =
  | { verb: "ack"; text?: string }
  | { verb: "lead"; user: string }
  | { verb: "comms"; user: string }
  | { verb: "role"; role: string; user: string }
  | { verb: "sev"; severity: Severity }
  | { verb: "impact"; revenue: boolean }
  | { verb: "update"; text: string; nextMs?: number }
  | { verb: "mitigate"; text: string }
  | { verb: "resolve"; text: string }
  | { verb: "note"; text: string }
  | { verb: "deviation"; text: string }
  | { verb: "started"; at: number }
  | { verb: "cancel"; text: string }
  | { verb: "announce"; channels: string[] }
  | { verb: "help" }
  | { verb: "freeze"; until: number; reason: string; branches?: string[] }
  | { verb: "unfreeze"; reason?: string }
  | { verb: "freeze-exception"; reason: string };

export type Verb = Command["verb"];

/** One command line of a comment: `line` is 1-based; `source` is the command's own line, trimmed. */
export type ParsedLine =
  | { line: number; source: string; ok: true; command: Command }
  | { line: number; source: string; ok: false; verb: string; error: string; usage: string };

export interface ParseContext {
  /** When the comment was written: the reference for "/started 14:30" and "/freeze 3d". */
  at: number;
  /** The team's zone, for times typed without an offset. */
  timeZone: string;
  /** Role names `/role` accepts (the config's `roles.extra`). */
  roles: string[];
}
