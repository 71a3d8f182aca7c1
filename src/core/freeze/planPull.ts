import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import type { Occasion } from "../channels/occasions.js";
import { freezesHeard } from "../channels/heard.js";
import { grantOccasion } from "../channels/grantOccasion.js";
import { parseCommands } from "../commands/parseCommands.js";
import { markerIdentity, parseMarker, renderMarker } from "../markers.js";
import { neutralize, neutralizeInline } from "../text/neutralize.js";
import { formatTime } from "../time/formatTime.js";
import { activeFreezes } from "./activeFreezes.js";
import { approverHandles } from "./approverHandles.js";
import type { CheckOutput, CheckRunState } from "./checkRun.js";
import { checkWrites } from "./checkRun.js";
import type { ThreadComment } from "./exceptionRequest.js";
import { askedException, edited } from "./exceptionRequest.js";
import { freezeVerdict } from "./freezeVerdict.js";
import type { ExceptionRecord, FreezeIssue, FreezeVerdict, PullRequestFacts } from "./types.js";

/**
 * Everything the freeze check of one open pull request is decided from. The reconcile reads it in rounds:
 * what `planPull` says it still needs (the comments only while a freeze applies, an approver's standing
 * only for the requests that ask, the pushed head only for a grant), so a pull request nobody froze costs
 * one read.
 */
export interface PullRead {
  pr: {
    number: number;
    url: string;
    baseRef: string;
    headSha: string;
    title: string;
    body: string;
    labels: string[];
    /** Issue numbers a reader sees in the title and body (not in HTML comments or code). */
    references: number[];
  };
  defaultBranch: string;
  freezeIssues: readonly FreezeIssue[];
  incidents: readonly Incident[];
  /** Our runs of the freeze check on the head, newest first. */
  runs: readonly CheckRunState[];
  botLogin: string;
  trustedBots: ReadonlySet<string>;
  /** The pull request's comments, oldest first. */
  comments?: readonly ThreadComment[];
  /** Whether a person was an approver when they commented, by `approvalKey(login, at)`. */
  approvals?: ReadonlyMap<string, boolean>;
  /** The head of the pull request's branch at a time (GitHub's push record); undefined: cannot tell. */
  heads?: ReadonlyMap<number, string | undefined>;
  /** The changed files (read only when `freeze.ignore_paths` can let them through); null: too many to list. */
  files?: readonly string[] | null;
  /** Who last put the incident-fix label on and whether they may; null: no such event. */
  fixLabelAdder?: { by: string; permitted: boolean } | null;
}

/** What `planPull` must be told before it can decide; read it, then plan again. */
export interface PullNeeds {
  comments: boolean;
  files: boolean;
  fixLabelAdder: boolean;
  approvals: Array<{ login: string; at: number }>;
  heads: number[];
}

/** Every write the freeze check of one pull request takes, in the order they are made. */
export interface PullPlan {
  number: number;
  verdict: FreezeVerdict;
  /** Answers to `/freeze-exception` requests, each created once on the pull request. */
  replies: Array<{ identity: string; body: string }>;
  /** The audit copy of each answer where the freeze is discussed (its freeze issue or incident). */
  audits: Array<{ issue: number; identity: string; body: string }>;
  /** Answers two reconcilers both posted: the oldest of each stays. */
  deleteComments: number[];
  /** Labels the repository must have first: the check tells the author to add them. */
  ensureLabels: string[];
  /** The check run to write; absent when every run of ours on the head already says this. */
  check?: { name: string; sha: string; output: CheckOutput; detailsUrl: string };
  /** Grants told to the deployments channel, each once (its record is kept on the pull request). */
  news: Occasion[];
}

export function approvalKey(login: string, at: number): string {
  return `${login.toLowerCase()}@${at}`;
}

/**
 * The freeze check of one open pull request as a plan: answer new `/freeze-exception` requests (granting
 * them for approvers, asking the approvers otherwise, with an audit copy), compute the verdict, and write
 * the check run only if it changed. Returns what is still to be read when the read is not complete.
 */
export function planPull(
  read: PullRead,
  config: Config,
  now: number,
): { plan: PullPlan; needs?: undefined } | { needs: PullNeeds; plan?: undefined } {
  const { pr } = read;
  const input = {
    now,
    config,
    defaultBranch: read.defaultBranch,
    freezeIssues: [...read.freezeIssues],
    incidents: [...read.incidents],
  };
  const freezes = activeFreezes({ ...input, base: pr.baseRef });
  const needs: PullNeeds = { comments: false, files: false, fixLabelAdder: false, approvals: [], heads: [] };
  const fixLabel = config.labels.incident_fix.toLowerCase();
  const fixLabelled =
    freezes.some((f) => f.kind === "incident") && pr.labels.some((l) => l.toLowerCase() === fixLabel);

  // Grants for this commit are kept on our own check run, which no person can edit (comments can be).
  const grants = new Set(read.runs.flatMap((run) => parseGrants(run.externalId)));
  const facts: PullRequestFacts = {
    number: pr.number,
    base: pr.baseRef,
    headSha: pr.headSha,
    title: pr.title,
    body: pr.body,
    labels: pr.labels,
    exceptions: [],
    referencedIncidents: pr.references.filter((n) => read.incidents.some((i) => i.number === n)),
  };
  let answers: Answers = { replies: [], audits: [], grants: [], posted: [] };
  let deleteComments: number[] = [];
  let files: readonly string[] | null | undefined;

  // Exceptions and changed files only matter while something freezes this base branch.
  if (freezes.length > 0) {
    needs.comments = read.comments === undefined;
    needs.files = config.freeze.ignore_paths.length > 0 && read.files === undefined;
    needs.fixLabelAdder = fixLabelled && read.fixLabelAdder === undefined;
    if (needs.comments || needs.files || needs.fixLabelAdder) return { needs };
    const comments = read.comments ?? [];
    const approver = (login: string, at: number): boolean => {
      const known = read.approvals?.get(approvalKey(login, at));
      if (known === undefined && !needs.approvals.some((a) => a.login === login && a.at === at))
        needs.approvals.push({ login, at });
      return known ?? false;
    };
    const headAt = (at: number): string | undefined => {
      if (!read.heads?.has(at)) needs.heads.push(at);
      return read.heads?.get(at);
    };
    answers = answerRequests(read, config, comments, now, { approver, headAt });
    for (const grant of answers.grants) grants.add(grant);
    // The answers planned here are records the verdict needs; what they say is known without re-reading.
    facts.exceptions = exceptionsFrom(read, config, [...comments, ...answers.posted], grants, approver);
    deleteComments = duplicateRecords(comments, read.trustedBots);
    files = read.files;
    if (fixLabelled && !read.fixLabelAdder?.permitted) {
      facts.labels = pr.labels.filter((l) => l.toLowerCase() !== fixLabel);
      facts.untrustedFixLabel = { by: read.fixLabelAdder?.by ?? "ghost" };
    }
    if (needs.approvals.length > 0 || needs.heads.length > 0) return { needs };
  }

  const verdict = freezeVerdict({
    ...input,
    pr: { ...facts, ...(files ? { files: [...files] } : {}) },
    approvers: approverHandles(config, now),
  });
  const externalId = grants.size > 0 ? `grants:${[...grants].sort().join(",")}` : undefined;
  const output: CheckOutput = {
    conclusion: verdict.conclusion,
    title: verdict.title,
    summary: verdict.summary,
    ...(externalId ? { externalId } : {}),
  };
  const { create, rewrite } = checkWrites(read.runs, output);
  // Each grant that counts is told to the deployments channel once, recorded on this pull request.
  const news =
    freezes.length > 0 && freezesHeard(config)
      ? facts.exceptions
          .filter((e) => e.granted && e.request !== undefined)
          .map((e) =>
            grantOccasion(config, e.request as string, e.at, {
              to: "merge",
              by: e.by,
              reason: e.reason,
              sha: e.sha,
              branch: pr.baseRef,
              number: pr.number,
              url: pr.url,
              freezes: freezes.filter((f) => f.startedAt <= e.at).map((f) => f.name),
            }),
          )
      : [];
  return {
    plan: {
      number: pr.number,
      verdict,
      replies: answers.replies,
      audits: answers.audits,
      deleteComments,
      // An incident's freeze tells the author to add the incident-fix label if this is the fix: it must
      // exist by then (GitHub's label picker cannot create one).
      ensureLabels:
        verdict.conclusion === "failure" && freezes.some((f) => f.kind === "incident")
          ? [config.labels.incident_fix]
          : [],
      ...(create || rewrite.length > 0
        ? { check: { name: config.freeze.check_name, sha: pr.headSha, output, detailsUrl: pr.url } }
        : {}),
      news,
    },
  };
}

interface Answers {
  replies: PullPlan["replies"];
  audits: PullPlan["audits"];
  /** Requests granted for the head ("<comment id>.<line>"), to be kept on the check run. */
  grants: string[];
  /** The answers as comments, for the verdict. */
  posted: ThreadComment[];
}

/** "grants:123.1,456.2" → ["123.1", "456.2"]: the requests (comment id . line) granted for a commit. */
function parseGrants(externalId: string | null | undefined): string[] {
  if (!externalId?.startsWith("grants:")) return [];
  return externalId
    .slice("grants:".length)
    .split(",")
    .filter((g) => /^\d+\.\d+$/.test(g));
}

/**
 * One answer per comment that asks for an exception, however many `/freeze-exception` lines it holds (the
 * first one is the request). The approvers are mentioned once per commit: a later request for the same
 * head says they were already asked instead of paging them again. An audit copy goes to where the freeze
 * is discussed, one per request comment.
 */
function answerRequests(
  read: PullRead,
  config: Config,
  comments: readonly ThreadComment[],
  now: number,
  ask: { approver: (login: string, at: number) => boolean; headAt: (at: number) => string | undefined },
): Answers {
  const { pr, trustedBots } = read;
  const answers: Answers = { replies: [], audits: [], grants: [], posted: [] };
  const records = comments
    .filter((c) => trustedBots.has(c.author.toLowerCase()))
    .map((c) => parseMarker(c.body))
    .filter((m) => m?.kind === "exception");
  const answered = new Set(records.map((m) => String(m?.data.comment)));
  // Approvers already paged about this commit (by an earlier request's answer).
  let paged = records.some((m) => m?.data.granted === "no" && m.data.sha === pr.headSha);
  // When Expedite first saw this head: a comment made after that was made looking at it.
  const knownSince = Math.min(...read.runs.map((run) => run.startedAt || Infinity));
  const zone = config.business_hours.timezone;
  const freezes = activeFreezes({
    now,
    config,
    defaultBranch: read.defaultBranch,
    freezeIssues: [...read.freezeIssues],
    incidents: [...read.incidents],
    base: pr.baseRef,
  });
  const approvers = approverHandles(config, now);
  for (const comment of comments) {
    if (answered.has(String(comment.id))) continue;
    const asked = askedException(comment, config, trustedBots);
    if (!asked) continue;
    const { reason, line } = asked;
    const approver = ask.approver(comment.author, comment.at);
    const fresh = approver && !edited(comment);
    const repeated = paged;
    // A grant is for the commit the approver looked at, which a push since then (answered late, say)
    // must not inherit: the head at the comment's time, from GitHub's push record, or failing that the
    // current head if our own check run shows it was already there.
    const saw = fresh
      ? (ask.headAt(comment.at) ?? (knownSince <= comment.at ? pr.headSha : undefined))
      : undefined;
    const granted = fresh && saw === pr.headSha;
    if (granted) answers.grants.push(`${comment.id}.${line}`);
    const sha = pr.headSha.slice(0, 7);
    const who = neutralize(comment.author);
    const extraLines =
      asked.lines > 1
        ? ` (${asked.lines - 1} more \`/freeze-exception\` line(s) in the same comment are the same request.)`
        : "";
    let text: string;
    if (granted) {
      text = `✅ Freeze exception **granted** by ${who} for \`${sha}\`: ${neutralizeInline(reason, 300)}.${config.freeze.exception_per_commit ? " A new push needs a new grant." : ""}${extraLines}`;
    } else {
      const why = fresh
        ? saw !== undefined
          ? `This grant is for \`${saw.slice(0, 7)}\`, the head when ${who} commented; the head is now \`${sha}\`, pushed since, so it is not covered. To let \`${sha}\` through, ${who} comments \`/freeze-exception <reason>\` anew.`
          : `${who} is an approver, but Expedite cannot tell which commit they were looking at (the branch's pushes are not visible to it). To grant \`${sha}\`, comment \`/freeze-exception <reason>\` anew.`
        : approver
          ? `${who}'s comment was edited after it was written, so it counts only as a request: edits can be made by anyone with write access. To grant, comment \`/freeze-exception <reason>\` anew.`
          : paged
            ? "The approvers were already asked about this commit; an approver can grant it by commenting `/freeze-exception <reason>` here."
            : `${approvers.length > 0 ? approvers.join(" ") : "No approver is configured (set `oncall` or `freeze.approvers`);"} an approver can grant it by commenting \`/freeze-exception <reason>\` here.`;
      const head = fresh
        ? `✋ Freeze exception from ${who} **not granted** for \`${sha}\``
        : `📝 Freeze exception **requested** by @${who} for \`${sha}\``;
      text = `${head}: ${neutralizeInline(reason, 300)}.${extraLines}\n\n${why}`;
      if (!approver) paged = true;
    }
    const data = {
      comment: comment.id,
      line,
      sha: saw ?? pr.headSha,
      by: comment.author,
      granted: granted ? "yes" : "no",
      reason: reason.slice(0, 300),
    };
    const body = `${renderMarker("exception", data)}\n${text}`;
    answers.replies.push({ identity: `exception:${comment.id}:${line}`, body });
    // Not yet on GitHub, so no id of its own: a negative one, which no source lookup can match.
    answers.posted.push({
      id: -1 - answers.posted.length,
      author: read.botLogin,
      body,
      at: now,
      updatedAt: now,
    });
    // The audit trail lives where the freeze is discussed: the freeze issue or the incident. A repeated
    // request for a commit the approvers were already asked about adds nothing to the record.
    for (const freeze of granted || !repeated ? freezes : []) {
      const target = freeze.issue ?? freeze.incident;
      if (target === undefined) continue;
      const audit = `${renderMarker("exception-audit", { comment: comment.id, line, pr: pr.number, sha: pr.headSha, by: comment.author, granted: granted ? "yes" : "no", reason: reason.slice(0, 300) })}\nFreeze exception ${granted ? "granted" : "requested"} by ${who} at ${formatTime(comment.at, zone)} for pull request #${pr.number} (\`${sha}\`): ${neutralizeInline(reason, 300)}`;
      answers.audits.push({ issue: target, identity: `exception-audit:${comment.id}:${line}`, body: audit });
    }
  }
  return answers;
}

/**
 * The exceptions that count for this commit. A grant counts when our check run on this very commit
 * records it (written by the App, so nobody can forge it); with `exception_per_commit: false`, also
 * any earlier grant whose author was an approver when they asked. Everything else the bot answered is
 * shown as a request. Nothing is taken from a comment's hidden data except which request it answered.
 */
function exceptionsFrom(
  read: PullRead,
  config: Config,
  comments: readonly ThreadComment[],
  grants: ReadonlySet<string>,
  approver: (login: string, at: number) => boolean,
): ExceptionRecord[] {
  const { pr, trustedBots } = read;
  const byId = new Map(comments.map((c) => [c.id, c]));
  const zone = config.business_hours.timezone;
  const records: ExceptionRecord[] = [];
  const seen = new Set<string>();
  // `marker` is the bot's answer to the request: which commit it was for and whether it was granted then.
  // People can edit the bot's comments too, so it is only used in ways that cannot grant: to show that an
  // edited grant is void, and for which commit. `fromRun`: our check run on this commit records the grant.
  const recordFor = (
    commentId: number,
    line: number,
    fromRun: boolean,
    marker?: { sha?: string; granted?: string; reason?: string },
  ): void => {
    const key = `${commentId}.${line}`;
    if (seen.has(key)) return;
    const source = byId.get(commentId);
    if (!source || trustedBots.has(source.author.toLowerCase())) return;
    const parsed = parseCommands(source.body, {
      at: source.at,
      timeZone: zone,
      roles: config.roles.extra,
    }).find((l) => l.line === line);
    const asks = parsed?.ok && parsed.command.verb === "freeze-exception" ? parsed.command : undefined;
    const wasGranted = fromRun || marker?.granted === "yes";
    // A comment that no longer asks is no request; a grant edited away is shown as voided.
    if (!asks && !(wasGranted && edited(source))) return;
    seen.add(key);
    const approved = fromRun || (!config.freeze.exception_per_commit && approver(source.author, source.at));
    const voided = (approved || wasGranted) && edited(source);
    records.push({
      pullRequest: pr.number,
      sha: fromRun ? pr.headSha : (marker?.sha ?? pr.headSha),
      by: source.author,
      // When the person asked, not when the bot answered: a grant covers only freezes already running then.
      at: source.at,
      reason: asks?.reason ?? marker?.reason ?? "",
      granted: approved && !voided,
      ...(voided && { editedAt: source.updatedAt }),
      request: `${commentId}.${line}`,
    });
  };
  for (const grant of grants) {
    const [commentId, line] = grant.split(".").map(Number);
    if (commentId !== undefined && line !== undefined) recordFor(commentId, line, true);
  }
  for (const comment of comments) {
    if (!trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker?.kind !== "exception") continue;
    recordFor(Number(marker.data.comment), Number(marker.data.line), false, marker.data);
  }
  return records;
}

/** Two reconcilers answering the same request at once can leave two records; the oldest one stays. */
function duplicateRecords(comments: readonly ThreadComment[], trustedBots: ReadonlySet<string>): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    if (!trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker?.kind !== "exception") continue;
    const identity = markerIdentity(marker);
    if (seen.has(identity)) duplicates.push(comment.id);
    else seen.add(identity);
  }
  return duplicates;
}
