import type { Config } from "../../core/config/schema.js";
import { parseCommands } from "../../core/commands/parseCommands.js";
import type { DeployGrant } from "../../core/deploys/types.js";
import { activeFreezes } from "../../core/freeze/activeFreezes.js";
import { parseMarker, renderMarker } from "../../core/markers.js";
import { neutralize, neutralizeInline } from "../../core/text/neutralize.js";
import { formatTime } from "../../core/time/formatTime.js";
import type { GitHubContext } from "../../github/types.js";
import { createCommentOnce } from "../../github/writeComments.js";
import { listComments } from "../../github/listComments.js";
import { upsertMarkedComment } from "../../github/upsertMarkedComment.js";
import type { FreezeInputs } from "../freeze/freezeInputs.js";
import { approverHandles, isApprover } from "../freeze/isApprover.js";
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
  runs: RunRecord[];
  writes: number;
}

/**
 * Reads a hold issue's comments: answers each new `/freeze-exception` once (and records it where the
 * freeze is discussed), and returns the grants that count and the runs on record. A grant counts when
 * its author was an approver when they asked; it binds to the issue's commit.
 */
export async function readHoldThread(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  hold: HoldIssue,
  now: number,
): Promise<HoldThread> {
  const comments = await listComments(gh, hold.number);
  const zone = config.business_hours.timezone;
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
  let writes = 0;
  for (const c of comments) {
    const author = c.author;
    if (trusted(author)) continue;
    const at = c.createdAt;
    for (const line of parseCommands(c.body, { at, timeZone: zone, roles: config.roles.extra })) {
      if (!line.ok || line.command.verb !== "freeze-exception") continue;
      const reason = line.command.reason;
      // An approver then is an approver for this grant: the on-call rota moving on does not revoke it.
      const granted = await isApprover(gh, config, author, at);
      if (granted) grants.push({ sha: hold.sha, by: author, at, reason });
      const key = `${c.id}:${line.line}`;
      if (answered.has(key)) continue;
      answered.add(key);
      writes += await answerRequest(
        gh,
        config,
        inputs,
        hold,
        { id: c.id, line: line.line, author, at, reason, granted },
        now,
      );
    }
  }
  return { grants, runs, writes };
}

async function answerRequest(
  gh: GitHubContext,
  config: Config,
  inputs: FreezeInputs,
  hold: HoldIssue,
  request: { id: number; line: number; author: string; at: number; reason: string; granted: boolean },
  now: number,
): Promise<number> {
  const zone = config.business_hours.timezone;
  const sha = hold.sha.slice(0, 7);
  const who = neutralize(request.author);
  const reason = neutralizeInline(request.reason, 300);
  const approvers = approverHandles(config, now);
  const text = request.granted
    ? `✅ Freeze exception **granted** by ${who} for deploying \`${sha}\`: ${reason}. A new commit needs a new grant.`
    : `📝 Freeze exception **requested** by ${who} for deploying \`${sha}\`: ${reason}.\n\n` +
      (approvers.length > 0
        ? `${approvers.join(" ")}: an approver grants it by commenting \`/freeze-exception <reason>\` here.`
        : "No approver is configured (set `oncall` or `freeze.approvers`), so nobody can grant it yet.");
  const data = {
    comment: request.id,
    line: request.line,
    sha: hold.sha,
    by: request.author,
    granted: request.granted ? "yes" : "no",
    reason: request.reason.slice(0, 300),
  };
  await createCommentOnce(
    gh,
    hold.number,
    `exception:${request.id}:${request.line}`,
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
      `Freeze exception ${request.granted ? "granted" : "requested"} by ${who} at ${formatTime(request.at, zone)} ` +
      `for deploying \`${sha}\` from \`${neutralizeInline(hold.branch, 100)}\` (#${hold.number}): ${reason}`;
    if (await upsertMarkedComment(gh, target, `exception-audit:${request.id}:${request.line}`, audit))
      writes++;
  }
  return writes;
}
