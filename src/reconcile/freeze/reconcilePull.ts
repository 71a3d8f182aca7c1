import type { Config } from "../../core/config/schema.js";
import type { ExceptionRecord, FreezeVerdict, PullRequestFacts } from "../../core/freeze/types.js";
import { freezeVerdict } from "../../core/freeze/freezeVerdict.js";
import { activeFreezes } from "../../core/freeze/activeFreezes.js";
import { parseCommands } from "../../core/commands/parseCommands.js";
import { markerIdentity, parseMarker, renderMarker } from "../../core/markers.js";
import { neutralize, neutralizeInline } from "../../core/text/neutralize.js";
import { formatTime } from "../../core/time/formatTime.js";
import type { GitHubContext } from "../../github/types.js";
import type { PullSummary } from "../../github/pulls.js";
import { changedFiles } from "../../github/pulls.js";
import { listComments } from "../../github/listComments.js";
import { ourRuns, writeCheck } from "../../github/checkRuns.js";
import { createCommentOnce, deleteComment } from "../../github/writeComments.js";
import { upsertMarkedComment } from "../../github/upsertMarkedComment.js";
import { referencedNumbers } from "../targetsOf.js";
import { headAt } from "../../github/headAt.js";
import { visibleText } from "../../core/text/visibleText.js";
import { fixLabelAdder } from "./fixLabelAdder.js";
import type { FreezeInputs } from "./freezeInputs.js";
import { approverHandles, isApprover } from "./isApprover.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";
import type { ThreadComment } from "./judgeExceptionRequest.js";
import { edited, judgeExceptionRequest } from "./judgeExceptionRequest.js";
import type { Templates } from "../../core/render/templates.js";
import type { IssueComment } from "../../github/listComments.js";
import { freezesHeard } from "../../core/channels/heard.js";
import { grantOccasion } from "../../core/channels/grantOccasion.js";
import { deliverNews } from "../deliverNews.js";

export interface PullOutcome {
  verdict: FreezeVerdict;
  writes: number;
}

/**
 * The freeze check of one open pull request: answer new `/freeze-exception` requests (granting them
 * for approvers, asking the approvers otherwise, and recording both), then compute the verdict and
 * write the check run only if it changed.
 */
export async function reconcilePull(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  inputs: FreezeInputs,
  pr: PullSummary,
  now: number,
): Promise<PullOutcome> {
  let writes = 0;
  const facts: PullRequestFacts = {
    number: pr.number,
    base: pr.baseRef,
    headSha: pr.headSha,
    title: pr.title,
    body: pr.body,
    labels: pr.labels,
    exceptions: [],
    // Only what a reader sees refers to an incident: not an HTML comment, not `#1` in code.
    referencedIncidents: referencedNumbers(`${visibleText(pr.title)}\n${visibleText(pr.body)}`).filter((n) =>
      inputs.incidents.some((i) => i.number === n),
    ),
  };
  const input = {
    now,
    config,
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
  };
  const freezes = activeFreezes({ ...input, base: pr.baseRef });

  // Grants for this commit are kept on our own check run, which no person can edit (comments can be).
  const runs = await ourRuns(gh, config.freeze.check_name, pr.headSha);
  const grants = new Set(runs.flatMap((run) => parseGrants(run.external_id)));

  // Exceptions and changed files only matter while something freezes this base branch.
  let files: string[] | undefined;
  let listed: IssueComment[] = [];
  if (freezes.length > 0) {
    listed = await listComments(gh, pr.number);
    let comments = listed.map(toThreadComment);
    // When Expedite first saw this head: a comment made after that was made looking at it.
    const knownSince = Math.min(...runs.map((run) => Date.parse(run.started_at ?? "") || Infinity));
    const answered = await answerExceptionRequests(gh, config, inputs, pr, comments, now, knownSince);
    writes += answered.writes;
    for (const grant of answered.grants) grants.add(grant);
    // The answers just posted are the records the verdict needs; we know what they say without re-reading.
    comments = [...comments, ...answered.posted];
    facts.exceptions = await exceptionsFrom(gh, config, comments, pr, grants);
    writes += await removeDuplicateRecords(gh, comments);
    if (config.freeze.ignore_paths.length > 0) files = await changedFiles(gh, pr.number);
    const fixLabel = config.labels.incident_fix.toLowerCase();
    if (freezes.some((f) => f.kind === "incident") && pr.labels.some((l) => l.toLowerCase() === fixLabel)) {
      const adder = await fixLabelAdder(gh, config, pr.number);
      if (!adder?.permitted) {
        facts.labels = pr.labels.filter((l) => l.toLowerCase() !== fixLabel);
        facts.untrustedFixLabel = { by: adder?.by ?? "ghost" };
      }
    }
  }
  const verdict = freezeVerdict({
    ...input,
    pr: { ...facts, ...(files ? { files } : {}) },
    approvers: approverHandles(config, now),
  });
  // An incident's freeze tells the author to add the incident-fix label if this is the fix: it must exist
  // by then (GitHub's label picker cannot create one). Made the first time it is needed, in both modes.
  if (verdict.conclusion === "failure" && freezes.some((f) => f.kind === "incident"))
    await ensureRepoLabels(gh, config, [config.labels.incident_fix], true);
  const externalId = grants.size > 0 ? `grants:${[...grants].sort().join(",")}` : undefined;
  if (
    await writeCheck(
      gh,
      config.freeze.check_name,
      pr.headSha,
      { ...verdict, ...(externalId ? { externalId } : {}) },
      pr.url,
      { runs },
    )
  )
    writes++;
  // Each grant that counts is told to the deployments channel once, recorded on this pull request.
  if (freezes.length > 0 && freezesHeard(config)) {
    const occasions = facts.exceptions
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
      );
    writes += await deliverNews(gh, config, templates, pr, listed, occasions, now);
  }
  return { verdict, writes };
}

function toThreadComment(c: IssueComment): ThreadComment {
  return { id: c.id, author: c.author, body: c.body, at: c.createdAt, updatedAt: c.updatedAt };
}

/**
 * The exceptions that count for this commit. A grant counts when our check run on this very commit
 * records it (written by the App, so nobody can forge it); with `exception_per_commit: false`, also
 * any earlier grant whose author was an approver when they asked. Everything else the bot answered is
 * shown as a request. Nothing is taken from a comment's hidden data except which request it answered.
 */
async function exceptionsFrom(
  gh: GitHubContext,
  config: Config,
  comments: ThreadComment[],
  pr: PullSummary,
  grants: ReadonlySet<string>,
): Promise<ExceptionRecord[]> {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const zone = config.business_hours.timezone;
  const records: ExceptionRecord[] = [];
  const seen = new Set<string>();
  // `marker` is the bot's answer to the request: which commit it was for and whether it was granted then.
  // People can edit the bot's comments too, so it is only used in ways that cannot grant: to show that an
  // edited grant is void, and for which commit. `fromRun`: our check run on this commit records the grant.
  const recordFor = async (
    commentId: number,
    line: number,
    fromRun: boolean,
    marker?: { sha?: string; granted?: string; reason?: string },
  ): Promise<void> => {
    const key = `${commentId}.${line}`;
    if (seen.has(key)) return;
    const source = byId.get(commentId);
    if (!source || gh.trustedBots.has(source.author.toLowerCase())) return;
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
    const approved =
      fromRun ||
      (!config.freeze.exception_per_commit && (await isApprover(gh, config, source.author, source.at)));
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
    if (commentId !== undefined && line !== undefined) await recordFor(commentId, line, true);
  }
  for (const comment of comments) {
    if (!gh.trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker?.kind !== "exception") continue;
    await recordFor(Number(marker.data.comment), Number(marker.data.line), false, marker.data);
  }
  return records;
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
async function answerExceptionRequests(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  pr: PullSummary,
  comments: ThreadComment[],
  now: number,
  knownSince: number,
): Promise<{ writes: number; grants: string[]; posted: ThreadComment[] }> {
  const grants: string[] = [];
  const posted: ThreadComment[] = [];
  const records = comments
    .filter((c) => gh.trustedBots.has(c.author.toLowerCase()))
    .map((c) => parseMarker(c.body))
    .filter((m) => m?.kind === "exception");
  const answered = new Set(records.map((m) => String(m?.data.comment)));
  // Approvers already paged about this commit (by an earlier request's answer).
  let paged = records.some((m) => m?.data.granted === "no" && m.data.sha === pr.headSha);
  const zone = config.business_hours.timezone;
  let writes = 0;
  for (const comment of comments) {
    if (answered.has(String(comment.id))) continue;
    const request = await judgeExceptionRequest(gh, config, comment);
    if (!request) continue;
    const { reason, approver, line } = request;
    const repeated = paged;
    const fresh = request.grants;
    // A grant is for the commit the approver looked at, which a push since then (answered late, say)
    // must not inherit: the head at the comment's time, from GitHub's push record, or failing that the
    // current head if our own check run shows it was already there.
    const saw = fresh
      ? ((await headAt(gh, pr, comment.at)) ?? (knownSince <= comment.at ? pr.headSha : undefined))
      : undefined;
    const granted = fresh && saw === pr.headSha;
    if (granted) grants.push(`${comment.id}.${line}`);
    const sha = pr.headSha.slice(0, 7);
    const who = neutralize(comment.author);
    const approvers = approverHandles(config, now);
    const extraLines =
      request.lines > 1
        ? ` (${request.lines - 1} more \`/freeze-exception\` line(s) in the same comment are the same request.)`
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
    const id = await createCommentOnce(gh, pr.number, `exception:${comment.id}:${line}`, body);
    posted.push({ id, author: gh.botLogin, body, at: now, updatedAt: now });
    writes++;
    // The audit trail lives where the freeze is discussed: the freeze issue or the incident.
    const freezes = activeFreezes({ ...inputs, now, config, base: pr.baseRef });
    // A repeated request for a commit the approvers were already asked about adds nothing to the record.
    for (const freeze of granted || !repeated ? freezes : []) {
      const target = freeze.issue ?? freeze.incident;
      if (target === undefined) continue;
      const identity = `exception-audit:${comment.id}:${line}`;
      const audit = `${renderMarker("exception-audit", { comment: comment.id, line, pr: pr.number, sha: pr.headSha, by: comment.author, granted: granted ? "yes" : "no", reason: reason.slice(0, 300) })}\nFreeze exception ${granted ? "granted" : "requested"} by ${who} at ${formatTime(comment.at, zone)} for pull request #${pr.number} (\`${sha}\`): ${neutralizeInline(reason, 300)}`;
      if (await upsertMarkedComment(gh, target, identity, audit)) writes++;
    }
  }
  return { writes, grants, posted };
}

/** Two reconcilers answering the same request at once can leave two records; the oldest one stays. */
async function removeDuplicateRecords(gh: GitHubContext, comments: ThreadComment[]): Promise<number> {
  const seen = new Set<string>();
  let removed = 0;
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    if (!gh.trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker?.kind !== "exception") continue;
    const identity = markerIdentity(marker);
    if (!seen.has(identity)) {
      seen.add(identity);
      continue;
    }
    await deleteComment(gh, comment.id);
    removed++;
  }
  return removed;
}
