import type { Config } from "../../core/config/schema.js";
import type { Settings } from "../../core/config/settings.js";
import type { DeployGrant, VoidedGrant } from "../../core/deploys/types.js";
import { freezesHeard } from "../../core/channels/heard.js";
import { grantOccasion } from "../../core/channels/grantOccasion.js";
import { activeFreezes } from "../../core/freeze/activeFreezes.js";
import { parseMarker, renderMarker } from "../../core/markers.js";
import { neutralize, neutralizeInline } from "../../core/text/neutralize.js";
import { formatTime } from "../../core/time/formatTime.js";
import type { GitHubContext } from "../../github/types.js";
import { createCommentOnce } from "../../github/writeComments.js";
import { listComments } from "../../github/listComments.js";
import type { IssueComment } from "../../github/listComments.js";
import { upsertMarkedComment } from "../../github/upsertMarkedComment.js";
import type { FreezeInputs } from "../freeze/freezeInputs.js";
import { approverHandles } from "../../core/freeze/approverHandles.js";
import { judgeExceptionRequest } from "../freeze/judgeExceptionRequest.js";
import type { ExceptionRequest } from "../freeze/judgeExceptionRequest.js";
import { deliverNews } from "../deliverNews.js";
import type { HoldIssue } from "./holdIssues.js";

/** A workflow run recorded on a hold issue, as its bot comment says. */
export interface RunRecord {
  commentId: number;
  runId: number;
  environment: string;
  state: "waiting" | "approved" | "rejected";
}

export interface HoldThread {
  grants: DeployGrant[];
  /** Grants whose comments were edited since: they let nothing through. */
  voided: VoidedGrant[];
  runs: RunRecord[];
  /** The issue's comments as read (for the records of the messages about its grants). */
  comments: IssueComment[];
  writes: number;
}

/**
 * Reads a hold issue's comments: answers each new `/freeze-exception` once (and records it where the
 * freeze is discussed), and returns the grants that count and the runs on record. Requests are judged as
 * merge exceptions are (judgeExceptionRequest): on the comment's current text, from an approver, and only
 * while the comment is unedited; a grant binds to the issue's commit.
 */
export async function readHoldThread(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  hold: HoldIssue,
  now: number,
): Promise<HoldThread> {
  const comments = await listComments(gh, hold.number);
  const trusted = (login: string) => gh.trustedBots.has(login.toLowerCase());
  const answered = new Set<string>();
  const runs: RunRecord[] = [];
  for (const c of comments) {
    if (!trusted(c.author)) continue;
    const marker = parseMarker(c.body);
    if (marker?.kind === "exception") answered.add(`${marker.data.comment}:${marker.data.line}`);
    if (marker?.kind === "deploy-run") {
      const state = marker.data.state;
      runs.push({
        commentId: c.id,
        runId: Number(marker.data.run),
        environment: marker.data.env ?? "",
        state: state === "approved" || state === "rejected" ? state : "waiting",
      });
    }
  }
  const grants: DeployGrant[] = [];
  const voided: VoidedGrant[] = [];
  let writes = 0;
  for (const c of comments) {
    const request = await judgeExceptionRequest(gh, config, {
      id: c.id,
      author: c.author,
      body: c.body,
      at: c.createdAt,
      updatedAt: c.updatedAt,
    });
    if (!request) continue;
    const { line, reason } = request;
    if (request.grants)
      grants.push({ sha: hold.sha, by: c.author, at: c.createdAt, reason, request: `${c.id}.${line}` });
    else if (request.approver) voided.push({ by: c.author, at: c.createdAt, editedAt: c.updatedAt });
    const key = `${c.id}:${line}`;
    if (answered.has(key)) continue;
    answered.add(key);
    writes += await answerRequest(gh, config, inputs, hold, request, now);
  }
  return { grants, voided, runs, comments, writes };
}

/**
 * Tells the deployments channel about each grant on the hold issue, once, recorded there. Called after the
 * deployment was answered, so a slow channel never holds a deployment up.
 */
export async function deliverHoldGrants(
  gh: GitHubContext,
  settings: Settings,
  inputs: FreezeInputs,
  hold: HoldIssue,
  thread: HoldThread,
  now: number,
): Promise<number> {
  const { config, templates } = settings;
  if (!freezesHeard(config) || thread.grants.length === 0) return 0;
  const freezes = activeFreezes({ ...inputs, now, config, base: hold.branch });
  const occasions = thread.grants.map((g) =>
    grantOccasion(config, g.request, g.at, {
      to: "deploy",
      by: g.by,
      reason: g.reason,
      sha: hold.sha,
      branch: hold.branch,
      number: hold.number,
      url: hold.url,
      freezes: freezes.filter((f) => f.startedAt <= g.at).map((f) => f.name),
    }),
  );
  return deliverNews(gh, config, templates, hold, thread.comments, occasions, now);
}

async function answerRequest(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  hold: HoldIssue,
  request: ExceptionRequest,
  now: number,
): Promise<number> {
  const zone = config.business_hours.timezone;
  const sha = hold.sha.slice(0, 7);
  const author = request.comment.author;
  const who = neutralize(author);
  const reason = neutralizeInline(request.reason, 300);
  const approvers = approverHandles(config, now);
  const text = request.grants
    ? `✅ Freeze exception **granted** by ${who} for deploying \`${sha}\`: ${reason}. A new commit needs a new grant.`
    : `📝 Freeze exception **requested** by ${who} for deploying \`${sha}\`: ${reason}.\n\n` +
      (request.approver
        ? `${who}'s comment was edited after it was written, so it counts only as a request: edits can be made by anyone with write access. To grant, comment \`/freeze-exception <reason>\` anew.`
        : approvers.length > 0
          ? `${approvers.join(" ")}: an approver grants it by commenting \`/freeze-exception <reason>\` here.`
          : "No approver is configured (set `oncall` or `freeze.approvers`), so nobody can grant it yet.");
  const data = {
    comment: request.comment.id,
    line: request.line,
    sha: hold.sha,
    by: author,
    granted: request.grants ? "yes" : "no",
    reason: request.reason.slice(0, 300),
  };
  await createCommentOnce(
    gh,
    hold.number,
    `exception:${request.comment.id}:${request.line}`,
    `${renderMarker("exception", data)}\n${text}`,
  );
  let writes = 1;
  // The audit trail lives where each freeze is discussed: its freeze issue or its incident.
  const freezes = activeFreezes({ ...inputs, now, config, base: hold.branch });
  for (const freeze of freezes) {
    const target = freeze.issue ?? freeze.incident;
    if (target === undefined) continue;
    const audit =
      `${renderMarker("exception-audit", { ...data, pr: hold.number, deploy: "yes" })}\n` +
      `Freeze exception ${request.grants ? "granted" : "requested"} by ${who} at ${formatTime(request.comment.at, zone)} ` +
      `for deploying \`${sha}\` from \`${neutralizeInline(hold.branch, 100)}\` (#${hold.number}): ${reason}`;
    if (await upsertMarkedComment(gh, target, `exception-audit:${request.comment.id}:${request.line}`, audit))
      writes++;
  }
  return writes;
}
