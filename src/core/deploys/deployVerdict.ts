import type { Config } from "../config/schema.js";
import { activeFreezes } from "../freeze/activeFreezes.js";
import {
  endText,
  FREEZE_KIND_WORDS,
  formatFreezeTime,
  handleText,
  plainInline,
  shortSha,
} from "../freeze/freezeText.js";
import { codeSpan } from "../text/codeSpan.js";
import type { ActiveFreeze, FreezeIssue } from "../freeze/types.js";
import { neutralizeInline } from "../text/neutralize.js";
import type { Incident } from "../types.js";
import type { DeployGrant, DeployVerdict, VoidedGrant } from "./types.js";

/**
 * Whether commit `sha` of `branch` may deploy now. The same freezes hold it back as hold merges into
 * that branch; an approver's grant for this very commit lets it through the freezes that were already
 * in force when it was given (a freeze that began later is something the approver could not weigh).
 */
export function deployVerdict(input: {
  now: number;
  config: Config;
  defaultBranch: string;
  freezeIssues: FreezeIssue[];
  incidents: Incident[];
  branch: string;
  sha: string;
  grants: DeployGrant[];
  /** Approvers' grants whose comments were edited since (shown, never counted). */
  voided?: VoidedGrant[];
  approvers: string[];
  /** Where an exception is asked for (the commit's hold issue), when there is one. */
  holdIssue?: { number: number; url: string };
}): DeployVerdict {
  const { now, config, branch, sha } = input;
  const zone = config.business_hours.timezone;
  const freezes = activeFreezes({
    now,
    config,
    defaultBranch: input.defaultBranch,
    base: branch,
    freezeIssues: input.freezeIssues,
    incidents: input.incidents,
  });
  const grant = input.grants
    .filter((g) => g.sha === sha)
    .reduce<DeployGrant | undefined>((latest, g) => (!latest || g.at > latest.at ? g : latest), undefined);
  const blocking = freezes.filter((freeze) => !grant || grant.at < freeze.startedAt);
  const commit = codeSpan(shortSha(sha));

  if (freezes.length === 0) {
    return {
      decision: "approve",
      branch,
      freezes,
      blocking,
      headline: plainInline(`No code freeze on ${branch}`, 120),
      details: `No code freeze applies to ${codeSpan(branch)}, so commit ${commit} may deploy.`,
    };
  }
  const table = freezeTable(freezes, blocking, zone, now);
  if (blocking.length === 0 && grant) {
    const reason = grant.reason.trim() === "" ? "" : `: “${neutralizeInline(grant.reason, 200)}”`;
    return {
      decision: "approve",
      branch,
      freezes,
      blocking,
      grant,
      headline: plainInline(`Freeze exception granted by ${grant.by} for ${shortSha(sha)}`, 120),
      details: [
        `${codeSpan(branch)} is frozen, and commit ${commit} deploys under an exception granted by ` +
          `${handleText(grant.by)} (${formatFreezeTime(grant.at, zone, now)})${reason}.`,
        "",
        table,
      ].join("\n"),
    };
  }

  const [first] = blocking;
  const more = blocking.length > 1 ? ` (+${blocking.length - 1} more)` : "";
  const headline = first
    ? `Code freeze: ${plainInline(first.name)} until ${endText(first, zone, now)}${more}`
    : "Code freeze";
  const approvers = input.approvers.length > 0 ? input.approvers.map(handleText).join(", ") : "";
  const where = input.holdIssue ? ` on #${input.holdIssue.number}` : " on this commit's hold issue";
  const lines = [
    `**Deploying commit ${commit} of ${codeSpan(branch)} is held back by ${blocking.length === 1 ? "a code freeze" : `${blocking.length} code freezes`}.**`,
    "",
    table,
  ];
  if (grant) {
    lines.push(
      "",
      `${handleText(grant.by)} granted an exception (${formatFreezeTime(grant.at, zone, now)}), but ` +
        `${blocking.map((f) => neutralizeInline(f.name, 100)).join(", ")} began later and needs a new grant.`,
    );
  }
  const voided = (input.voided ?? [])
    .filter((v) => !grant || v.at > grant.at)
    .reduce<VoidedGrant | undefined>((latest, v) => (!latest || v.at > latest.at ? v : latest), undefined);
  if (voided) {
    lines.push(
      "",
      `${handleText(voided.by)}'s grant no longer counts: its comment was edited ` +
        `(${formatFreezeTime(voided.editedAt, zone, now)}), and anyone with write access can edit a comment. ` +
        `To grant, ${handleText(voided.by)} comments ${codeSpan("/freeze-exception <reason>")} anew.`,
    );
  }
  lines.push(
    "",
    "### How to deploy anyway",
    "",
    `The on-call engineer or an approver${approvers ? ` (${approvers})` : ""} comments ` +
      `${codeSpan("/freeze-exception <reason>")}${where}. The exception covers commit ${commit} only: ` +
      "a new commit needs a new one.",
  );
  return {
    decision: "hold",
    branch,
    freezes,
    blocking,
    ...(grant ? { grant } : {}),
    headline,
    details: lines.join("\n"),
  };
}

function freezeTable(freezes: ActiveFreeze[], blocking: ActiveFreeze[], zone: string, now: number): string {
  const rows = freezes.slice(0, 50).map((freeze) => {
    const label = neutralizeInline(freeze.name, 120).replace(/[[\]]/g, "\\$&");
    const named = freeze.link ? `[${label}](${freeze.link})` : label;
    const reason = freeze.reason ? ` — ${neutralizeInline(freeze.reason, 120)}` : "";
    const effect = blocking.includes(freeze) ? "**holds**" : "passed: exception";
    return `| ${named} (${FREEZE_KIND_WORDS[freeze.kind]})${reason} | ${formatFreezeTime(freeze.startedAt, zone, now)} | ${endText(freeze, zone, now)} | ${effect} |`;
  });
  return ["| Freeze | Since | Until | This deployment |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
