import { createHash } from "node:crypto";
import { neutralizeBlock, neutralizeInline } from "../text/neutralize.js";
import { formatTime } from "../time/formatTime.js";
import { formatFreezeTime, handleText, plainInline } from "./freezeText.js";
import { codeSpan } from "../text/codeSpan.js";
import type { FreezeIssue } from "./types.js";

const MARKER = /<!--\s*expedite:freeze\s+(\{.*?\})\s*-->/gs;
const MAX_BRANCHES = 50;

interface MarkerPayload {
  v: 1;
  until?: number;
  branches: string[];
  requestedBy: string;
  reason: string;
  /** A hold record: the issue whose freeze it keeps in force (see holdRecord.ts). */
  heldFor?: number;
  /** Digest of the other fields: a hand-edited marker no longer matches it. */
  sum: string;
}

/** Whether an issue was opened by Expedite as a freeze issue (its author, and its hidden details first). */
export function isBotFreezeIssue(author: string, body: string, trustedBots: ReadonlySet<string>): boolean {
  return trustedBots.has(author.toLowerCase()) && body.startsWith("<!-- expedite:freeze ");
}

/** The hidden marker of a freeze issue, sealed with the digest of its fields. */
export function freezeMarker(payload: Omit<MarkerPayload, "v" | "sum">): string {
  const fields: Omit<MarkerPayload, "sum"> = { v: 1, ...payload };
  return `<!-- expedite:freeze ${markerJson({ ...fields, sum: digest(fields) })} -->`;
}

/**
 * The issue `/freeze <until> <reason>` opens. The visible text is for people; the hidden marker is what
 * parseFreezeIssue reads back, so editing the prose changes nothing and editing the marker voids it.
 */
export function renderFreezeIssue(input: {
  until: number;
  reason: string;
  branches: string[];
  requestedBy: string;
  zone: string;
  requestedIn?: string;
}): { title: string; body: string } {
  const requestedBy = input.requestedBy.replace(/^@/, "");
  const marker = freezeMarker({
    until: input.until,
    branches: input.branches,
    requestedBy,
    reason: input.reason,
  });
  const scope =
    input.branches.length === 0
      ? "the branches the freeze configuration covers (the default branch unless configured otherwise)"
      : input.branches.map((branch) => codeSpan(branch)).join(", ");
  const requested = input.requestedIn ? ` in ${neutralizeInline(input.requestedIn, 200)}` : "";
  const reason = input.reason.trim() === "" ? "> (no reason given)" : neutralizeBlock(input.reason, 2000);

  const body = [
    marker,
    `**Merges are frozen** into ${scope} until **${formatTime(input.until, input.zone)}**.`,
    "",
    reason,
    "",
    `Requested by ${handleText(requestedBy)}${requested}.`,
    "",
    "- While this issue is open, the freeze check fails on pull requests into these branches.",
    `- To lift the freeze early, close this issue or comment ${codeSpan("/unfreeze")}.`,
    `- To merge one pull request anyway, comment ${codeSpan("/freeze-exception <reason>")} on it and ask the on-call engineer or an approver to grant it.`,
    "",
    "Edits to this text do not change the freeze; to change the end or the branches, close this issue and start a new freeze.",
  ].join("\n");

  const title = `Code freeze until ${formatFreezeTime(input.until, input.zone)}: ${input.reason}`;
  return { title: plainInline(title, 200), body };
}

/**
 * Reads a freeze issue back. Only the bot's own issue is believed (author and marker both; `botLogin` may
 * list the trusted bots), and only an intact marker: a missing, duplicated, malformed or hand-edited one
 * gives undefined.
 */
export function parseFreezeIssue(
  issue: {
    number: number;
    html_url: string;
    body: string | null;
    user: string;
    created_at: string;
    closed_at: string | null;
    state: string;
  },
  botLogin: string | readonly string[],
): FreezeIssue | undefined {
  // Logins are case-insensitive on GitHub. A list lets the App and the Action (config trusted_bots)
  // honour each other's freezes.
  const trusted = (typeof botLogin === "string" ? [botLogin] : botLogin).map((login) =>
    login.replace(/^@/, "").toLowerCase(),
  );
  if (!trusted.includes(issue.user.toLowerCase()) || issue.body === null) return undefined;
  const markers = [...issue.body.matchAll(MARKER)];
  const [only] = markers;
  if (markers.length !== 1 || !only?.[1]) return undefined;
  const payload = readPayload(only[1]);
  if (!payload) return undefined;
  const openedAt = Date.parse(issue.created_at);
  if (Number.isNaN(openedAt)) return undefined;

  const parsed: FreezeIssue = {
    number: issue.number,
    url: issue.html_url,
    reason: payload.reason,
    branches: payload.branches,
    openedBy: payload.requestedBy,
    openedAt,
  };
  if (payload.until !== undefined) parsed.until = payload.until;
  if (payload.heldFor !== undefined) parsed.heldFor = payload.heldFor;
  if (issue.state === "closed") {
    // A closed issue with no closing time still ends the freeze; when is only for display.
    const closedAt = issue.closed_at === null ? NaN : Date.parse(issue.closed_at);
    parsed.closedAt = Number.isNaN(closedAt) ? openedAt : closedAt;
  }
  return parsed;
}

function readPayload(json: string): MarkerPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { v, until, branches, requestedBy, reason, heldFor, sum } = record;
  if (v !== 1 || typeof requestedBy !== "string" || requestedBy === "" || typeof reason !== "string")
    return undefined;
  if (until !== undefined && (typeof until !== "number" || !Number.isFinite(until))) return undefined;
  if (
    !Array.isArray(branches) ||
    branches.length > MAX_BRANCHES ||
    !branches.every((branch): branch is string => typeof branch === "string" && branch !== "")
  ) {
    return undefined;
  }
  if (heldFor !== undefined && (typeof heldFor !== "number" || !Number.isInteger(heldFor) || heldFor < 1))
    return undefined;
  const known = new Set(["v", "until", "branches", "requestedBy", "reason", "heldFor", "sum"]);
  if (Object.keys(record).some((key) => !known.has(key))) return undefined;
  const fields: Omit<MarkerPayload, "sum"> = {
    v,
    ...(until !== undefined && { until }),
    branches,
    requestedBy,
    reason,
    ...(heldFor !== undefined && { heldFor }),
  };
  if (typeof sum !== "string" || sum !== digest(fields)) return undefined;
  return { ...fields, sum };
}

// Not a secret: anyone could recompute it. It tells a marker the bot wrote from one a person retyped, so
// a hand-edited end date or branch list is refused instead of quietly obeyed.
function digest(fields: Omit<MarkerPayload, "sum">): string {
  const canonical = JSON.stringify([
    fields.v,
    fields.until ?? null,
    fields.branches,
    fields.requestedBy,
    fields.reason,
    // Only hold records carry it, so the digests of earlier freeze issues stay as they were.
    ...(fields.heldFor !== undefined ? [fields.heldFor] : []),
  ]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

// JSON inside an HTML comment: "<" and ">" escaped so no reason can close the comment or open a tag.
function markerJson(payload: MarkerPayload): string {
  return JSON.stringify(payload).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
}
