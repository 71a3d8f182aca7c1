import { formatTime } from "../time/formatTime.js";
import { codeSpan, ECHO_LENGTH } from "../text/codeSpan.js";
import { assessResolution } from "./assessResolution.js";
import { assessWorkaround } from "./assessWorkaround.js";
import { leadingTime } from "../time/leadingTime.js";
import { parseSeverity } from "./parseSeverity.js";
import { parseUser } from "./parseUser.js";
import { splitBranches } from "./splitBranches.js";
import { splitNext } from "./splitNext.js";
import type { Command, ParseContext, Verb } from "./types.js";

export type ArgumentsResult = { command: Command } | { error: string };

// A backdated start a minute ahead of the comment is clock skew between the author and GitHub, not a typo.
const CLOCK_SKEW_MS = 60_000;

/** Turns one verb's argument text into a command, or says what is wrong with it. */
export function parseArguments(verb: Verb, args: string, ctx: ParseContext): ArgumentsResult {
  const text = args.trim();
  const firstWord = /^\S*/.exec(text)?.[0] ?? "";
  switch (verb) {
    case "ack":
      return { command: text === "" ? { verb } : { verb, text } };
    case "help":
      return { command: { verb } };
    case "announce": {
      // Channel names as written under `channels:`; whether they exist is the projection's call (config).
      const channels = text === "" ? [] : text.split(/[\s,]+/).filter((w) => w !== "");
      const bad = channels.find((c) => !/^[a-z0-9][a-z0-9-]*$/.test(c));
      return bad !== undefined
        ? {
            error: `${codeSpan(bad, ECHO_LENGTH)} is not a channel name; names are lower-case words joined by hyphens.`,
          }
        : { command: { verb, channels } };
    }
    case "lead":
    case "comms": {
      // A bare "/lead" can only mean the author is taking it.
      const user = parseUser(firstWord === "" ? "me" : firstWord);
      return "error" in user ? user : { command: { verb, user: user.user } };
    }
    case "role":
      return parseRole(text, ctx.roles);
    case "sev": {
      const severity = parseSeverity(text);
      return "error" in severity ? severity : { command: { verb, severity: severity.severity } };
    }
    case "impact":
      return parseImpact(firstWord);
    case "update": {
      const split = splitUpdate(text, ctx);
      if ("error" in split) return split;
      if (split.text === "") return { error: "An update needs to say what changed." };
      return {
        command:
          split.nextMs === undefined
            ? { verb, text: split.text }
            : { verb, text: split.text, nextMs: split.nextMs },
      };
    }
    case "mitigate": {
      // The same floor as /resolve: "done" or "workaround in place" journals nothing (issue 18).
      const assessment =
        text === "" ? { ok: false as const, reason: "Say what the workaround is." } : assessWorkaround(text);
      return assessment.ok ? { command: { verb, text } } : { error: assessment.reason };
    }
    case "note":
      return text === "" ? { error: "A note needs some text." } : { command: { verb, text } };
    case "deviation":
      return text === ""
        ? { error: "Say which step of the process was skipped and why." }
        : { command: { verb, text } };
    case "cancel":
      return text === "" ? { error: "Say why this is not an incident." } : { command: { verb, text } };
    case "resolve": {
      const assessment = assessResolution(text);
      return assessment.ok ? { command: { verb, text } } : { error: assessment.reason };
    }
    case "started":
      return parseStarted(text, ctx);
    case "freeze":
      return parseFreeze(text, ctx);
    case "unfreeze":
      return { command: text === "" ? { verb } : { verb, reason: text } };
    case "freeze-exception":
      return text === ""
        ? { error: "Say why this change has to merge during the freeze." }
        : { command: { verb, reason: text } };
  }
}

// The promise of the next update usually ends the whole text, but may end the command's own line when a
// paragraph of detail follows it.
function splitUpdate(text: string, ctx: ParseContext): ReturnType<typeof splitNext> {
  const whole = splitNext(text, ctx);
  const newline = text.indexOf("\n");
  if ("error" in whole || whole.nextMs !== undefined || newline < 0) return whole;
  const first = splitNext(text.slice(0, newline), ctx);
  if ("error" in first || first.nextMs === undefined) return whole;
  return {
    text: [first.text, text.slice(newline + 1)].filter((part) => part !== "").join("\n"),
    nextMs: first.nextMs,
  };
}

function parseRole(text: string, roles: readonly string[]): ArgumentsResult {
  const words = text.split(/\s+/).filter((word) => word !== "");
  let [roleWord, userWord] = words;
  // "/role @alice investigator" reads as well as "/role investigator @alice".
  if (roleWord?.startsWith("@") && userWord !== undefined && !userWord.startsWith("@")) {
    [roleWord, userWord] = [userWord, roleWord];
  }
  const known = roles.length > 0 ? roles.map((role) => `\`${role}\``).join(", ") : "none are configured";
  if (roleWord === undefined || roleWord.startsWith("@")) {
    return { error: `Say which role to give. Roles: ${known}.` };
  }
  const wanted = roleWord.replace(/[.,;:!?]+$/, "").toLowerCase();
  const role = roles.find((candidate) => candidate.toLowerCase() === wanted);
  const user = parseUser(userWord ?? "me");
  if ("error" in user) return user;
  if (role !== undefined) return { command: { verb: "role", role, user: user.user } };
  // The two built-in roles have their own commands; accept them here rather than refuse.
  if (wanted === "lead") return { command: { verb: "lead", user: user.user } };
  if (wanted === "comms" || wanted === "communicator") return { command: { verb: "comms", user: user.user } };
  return {
    error: `${codeSpan(roleWord, ECHO_LENGTH)} is not a role here. Roles: ${known} (and /lead, /comms).`,
  };
}

const YES = new Set(["revenue", "yes", "y", "true", "on"]);
const NO = new Set(["none", "no", "n", "false", "off"]);

function parseImpact(word: string): ArgumentsResult {
  const answer = word.toLowerCase().replace(/[.,;:!]+$/, "");
  if (YES.has(answer)) return { command: { verb: "impact", revenue: true } };
  if (NO.has(answer)) return { command: { verb: "impact", revenue: false } };
  if (answer === "") return { error: "Say whether revenue is hit: `revenue` or `none`." };
  return { error: `${codeSpan(word, ECHO_LENGTH)} is not an impact; use \`revenue\` or \`none\`.` };
}

function parseStarted(text: string, ctx: ParseContext): ArgumentsResult {
  const when = leadingTime(text, { now: ctx.at, timeZone: ctx.timeZone, direction: "past" });
  if ("error" in when) return when;
  if (when.at > ctx.at + CLOCK_SKEW_MS) {
    return {
      error: `${formatTime(when.at, safeZone(ctx.timeZone))} is in the future; give the time the problem began.`,
    };
  }
  return { command: { verb: "started", at: Math.min(when.at, ctx.at) } };
}

function parseFreeze(text: string, ctx: ParseContext): ArgumentsResult {
  const [firstLine = "", ...moreLines] = text.split("\n");
  const split = splitBranches(firstLine);
  if ("error" in split) return split;
  const withoutUntil = split.text.replace(/^(?:until|till|til|to)\s+/i, "");
  if (withoutUntil.trim() === "") {
    return { error: "Say until when, then why." };
  }
  const until = leadingTime(withoutUntil, { now: ctx.at, timeZone: ctx.timeZone, direction: "future" });
  if ("error" in until) return { error: `Until when? ${until.error}` };
  if (until.at <= ctx.at) {
    return {
      error: `${formatTime(until.at, safeZone(ctx.timeZone))} has already passed; a freeze needs an end in the future.`,
    };
  }
  const reason = [until.rest.replace(/^[\s:,;\-–—]+/, ""), ...moreLines].join("\n").trim();
  if (reason === "") return { error: "Say why merges are frozen, after the end time." };
  const command: Command =
    split.branches === undefined
      ? { verb: "freeze", until: until.at, reason }
      : { verb: "freeze", until: until.at, reason, branches: split.branches };
  return { command };
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}
