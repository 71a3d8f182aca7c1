import type { Config } from "../config/schema.js";
import { neutralizeInline } from "../text/neutralize.js";
import type { Incident } from "../types.js";
import { activeFreezes } from "./activeFreezes.js";
import {
  endText,
  FREEZE_KIND_WORDS,
  formatFreezeTime,
  handleText,
  plainInline,
  shortSha,
  untilText,
} from "./freezeText.js";
import { codeSpan } from "../text/codeSpan.js";
import { branchName, onlyIgnoredPaths } from "./matches.js";
import type { ActiveFreeze, ExceptionRecord, FreezeIssue, FreezeVerdict, PullRequestFacts } from "./types.js";

const MAX_ROWS = 50;

/** Why a freeze does not hold this PR back, if it does not. */
type Pass = { by: "hotfix" } | { by: "exception"; grant: ExceptionRecord };

/**
 * The `expedite/freeze` check for one pull request at `now`. Only "success" or "failure": GitHub counts
 * neutral and skipped as passing, which would make a freeze optional.
 *
 * A PR passes when no freeze applies to its base, when it changes only ignored paths, or when every
 * freeze in force is let through: an incident's freeze by the fix for that incident, any freeze by an
 * approver's grant given while that freeze was already in force (a freeze that begins later, such as a
 * new incident, is something the approver could not have weighed, so it needs a new grant).
 */
export function freezeVerdict(input: {
  now: number;
  config: Config;
  defaultBranch: string;
  freezeIssues: FreezeIssue[];
  incidents: Incident[];
  pr: PullRequestFacts;
  approvers?: string[];
}): FreezeVerdict {
  const { now, config, pr } = input;
  const zone = config.business_hours.timezone;
  const base = branchName(pr.base);
  const freezes = activeFreezes({
    now,
    config,
    defaultBranch: input.defaultBranch,
    base: pr.base,
    freezeIssues: input.freezeIssues,
    incidents: input.incidents,
  });

  if (freezes.length === 0) {
    return {
      conclusion: "success",
      title: plainInline(`No code freeze on ${base}`, 120),
      summary: `No code freeze applies to ${codeSpan(base)} right now, so this pull request may merge.`,
      freezes,
    };
  }

  if (onlyIgnoredPaths(pr.files, config.freeze.ignore_paths)) {
    const count = pr.files?.length ?? 0;
    return {
      conclusion: "success",
      title: "Passes the freeze: only ignored paths changed",
      summary: [
        `${codeSpan(base)} is frozen, but all ${count} changed file${count === 1 ? "" : "s"} match ` +
          `${codeSpan("freeze.ignore_paths")}, so merging cannot touch what the freeze protects.`,
        "",
        freezeTable(freezes, new Map(), zone, now),
      ].join("\n"),
      freezes,
    };
  }

  const passes = new Map<ActiveFreeze, Pass>();
  const hotfixFor = fixedIncidents(pr, freezes, config);
  for (const freeze of freezes) {
    if (freeze.kind === "incident" && freeze.incident !== undefined && hotfixFor.has(freeze.incident)) {
      passes.set(freeze, { by: "hotfix" });
    }
  }
  const grant = latestGrant(pr, config);
  if (grant) {
    for (const freeze of freezes) {
      if (!passes.has(freeze) && grant.at >= freeze.startedAt) passes.set(freeze, { by: "exception", grant });
    }
  }

  const usedGrant = [...passes.values()].some((pass) => pass.by === "exception") ? grant : undefined;
  const hotfixed = freezes.find((freeze) => passes.get(freeze)?.by === "hotfix")?.incident;
  const extras = {
    ...(usedGrant && { exception: usedGrant }),
    ...(hotfixed !== undefined && { hotfixFor: hotfixed }),
  };
  const blocking = freezes.filter((freeze) => !passes.has(freeze));
  const perCommit = config.freeze.exception_per_commit;

  if (blocking.length === 0) {
    const reasons: string[] = [];
    if (hotfixed !== undefined) reasons.push(`hotfix for #${hotfixed}`);
    if (usedGrant) {
      const login = usedGrant.by.replace(/^@/, "");
      reasons.push(`exception granted by ${login}` + (perCommit ? ` for ${shortSha(usedGrant.sha)}` : ""));
    }
    const title = reasons.join("; ");
    const lines = [
      `${codeSpan(base)} is frozen, and this pull request is let through every freeze in force:`,
      "",
      freezeTable(freezes, passes, zone, now),
    ];
    if (usedGrant) {
      lines.push("", grantLine(usedGrant, zone, now));
      lines.push(
        "",
        perCommit
          ? `The exception covers commit ${codeSpan(shortSha(usedGrant.sha))} only: while the freeze lasts, a new push needs a new grant.`
          : "The exception covers this pull request across pushes, for the freezes in force when it was granted.",
      );
    }
    return {
      conclusion: "success",
      title: plainInline(title.charAt(0).toUpperCase() + title.slice(1), 120),
      summary: lines.join("\n"),
      freezes,
      ...extras,
    };
  }

  return {
    conclusion: "failure",
    title: failureTitle(blocking, zone, now),
    summary: failureSummary({ ...input, base, freezes, passes, blocking, grant, zone }),
    freezes,
    ...extras,
  };
}

/** Incidents this PR fixes among those freezing: referenced ones, or every one when labelled as a fix. */
function fixedIncidents(pr: PullRequestFacts, freezes: ActiveFreeze[], config: Config): Set<number> {
  // Label names are case-insensitive on GitHub.
  const fixLabel = config.labels.incident_fix.toLowerCase();
  const labelled = pr.labels.some((label) => label.toLowerCase() === fixLabel);
  const fixes = new Set<number>();
  for (const freeze of freezes) {
    if (freeze.kind !== "incident" || freeze.incident === undefined) continue;
    if (labelled || pr.referencedIncidents.includes(freeze.incident)) fixes.add(freeze.incident);
  }
  return fixes;
}

/** The newest grant for this PR that still counts (for this head SHA when grants are per commit). */
function latestGrant(pr: PullRequestFacts, config: Config): ExceptionRecord | undefined {
  let latest: ExceptionRecord | undefined;
  for (const record of pr.exceptions) {
    if (!record.granted || record.pullRequest !== pr.number) continue;
    if (config.freeze.exception_per_commit && record.sha !== pr.headSha) continue;
    if (!latest || record.at > latest.at) latest = record;
  }
  return latest;
}

function failureTitle(blocking: ActiveFreeze[], zone: string, now: number): string {
  const [first] = blocking;
  if (!first) return "Code freeze";
  const more = blocking.length > 1 ? ` (+${blocking.length - 1} more)` : "";
  return `Code freeze: ${plainInline(first.name)} ${untilText(first, zone, now)}${more}`;
}

function failureSummary(input: {
  now: number;
  config: Config;
  pr: PullRequestFacts;
  approvers?: string[];
  base: string;
  freezes: ActiveFreeze[];
  passes: Map<ActiveFreeze, Pass>;
  blocking: ActiveFreeze[];
  grant: ExceptionRecord | undefined;
  zone: string;
}): string {
  const { now, config, pr, base, freezes, passes, blocking, grant, zone } = input;
  const perCommit = config.freeze.exception_per_commit;
  const count = blocking.length === 1 ? "a code freeze" : `${blocking.length} code freezes`;
  const lines = [
    `**Merging into ${codeSpan(base)} is held back by ${count}.**`,
    "",
    freezeTable(freezes, passes, zone, now),
  ];

  const status = exceptionStatus(pr, config, grant, blocking, zone, now);
  if (status.length > 0) lines.push("", ...status);

  const approvers = uniqueHandles(input.approvers ?? config.freeze.approvers);
  lines.push(
    "",
    "### How to merge anyway",
    "",
    `1. Comment ${codeSpan("/freeze-exception <reason>")} on this pull request, saying why it cannot wait.`,
    `2. Have it granted by the on-call engineer` +
      (approvers.length > 0 ? ` or another approver: ${approvers.map(handleText).join(", ")}.` : ".") +
      " Asking is not enough: the check turns green once an approver grants it.",
    perCommit
      ? `3. A grant covers one commit (now ${codeSpan(shortSha(pr.headSha))}): after a new push, ask again.`
      : "3. A grant covers this pull request across pushes, for the freezes in force when it is given.",
  );

  const incidents = blocking.filter((freeze) => freeze.kind === "incident" && freeze.incident !== undefined);
  if (incidents.length > 0 && pr.untrustedFixLabel) {
    lines.push(
      "",
      `The ${codeSpan(config.labels.incident_fix)} label was added by ${handleText(pr.untrustedFixLabel.by)}, ` +
        `who lacks the ${codeSpan(config.commands.freeze_permission)} permission it takes to let a pull ` +
        "request through an incident's freeze, so it does not count. Someone with that permission can add it again.",
    );
  }
  if (incidents.length > 0) {
    const numbers = incidents.map((freeze) => `#${freeze.incident}`).join(", ");
    lines.push(
      "",
      `If this pull request is the fix for ${numbers}, reference the incident in its description ` +
        `(for example ${codeSpan(`Fixes ${numbers.split(", ")[0]}`)}) or add the ` +
        `${codeSpan(config.labels.incident_fix)} label: the fix passes that incident's freeze (other freezes still apply).`,
    );
  }
  const manual = blocking.filter((freeze) => freeze.kind === "manual" && freeze.issue !== undefined);
  if (manual.length > 0) {
    lines.push(
      "",
      `A manual freeze ends when its issue (${manual.map((freeze) => `#${freeze.issue}`).join(", ")}) is ` +
        `closed or someone with the right permission comments ${codeSpan("/unfreeze")} on it.`,
    );
  }
  return lines.join("\n");
}

/** What happened to the exceptions asked for on this PR, so nobody waits on a grant that cannot count. */
function exceptionStatus(
  pr: PullRequestFacts,
  config: Config,
  grant: ExceptionRecord | undefined,
  blocking: ActiveFreeze[],
  zone: string,
  now: number,
): string[] {
  const lines: string[] = [];
  const mine = pr.exceptions.filter((record) => record.pullRequest === pr.number);
  if (grant) {
    const later = blocking.map((freeze) => neutralizeInline(freeze.name, 100)).join(", ");
    const verb = blocking.length === 1 ? "began later and needs" : "began later and need";
    lines.push(
      `${grantLine(grant, zone, now)} It covers the freezes in force at that moment; ${later} ${verb} a new grant.`,
    );
  } else if (config.freeze.exception_per_commit) {
    const stale = latestOf(mine.filter((record) => record.granted && record.sha !== pr.headSha));
    if (stale) {
      lines.push(
        `${handleText(stale.by)} granted an exception for commit ${codeSpan(shortSha(stale.sha))}, but the head is ` +
          `now ${codeSpan(shortSha(pr.headSha))}; a grant covers one commit, so it needs granting again.`,
      );
    }
  }
  const voided = latestOf(mine.filter((record) => record.editedAt !== undefined));
  if (voided?.editedAt !== undefined && (!grant || voided.at > grant.at)) {
    lines.push(
      `${handleText(voided.by)}'s grant no longer counts: its comment was edited ` +
        `(${formatFreezeTime(voided.editedAt, zone, now)}), and anyone with write access can edit a comment. ` +
        `To grant, ${handleText(voided.by)} comments ${codeSpan("/freeze-exception <reason>")} anew.`,
    );
  }
  const pending = latestOf(
    mine.filter(
      (record) =>
        !record.granted &&
        record.editedAt === undefined &&
        (!config.freeze.exception_per_commit || record.sha === pr.headSha) &&
        (!grant || record.at > grant.at),
    ),
  );
  if (pending) {
    lines.push(
      `${handleText(pending.by)} asked for an exception (${formatFreezeTime(pending.at, zone, now)}): ` +
        `“${neutralizeInline(pending.reason, 200)}”. It is waiting for an approver.`,
    );
  }
  return lines;
}

function grantLine(grant: ExceptionRecord, zone: string, now: number): string {
  const reason = grant.reason.trim() === "" ? "" : `: “${neutralizeInline(grant.reason, 200)}”`;
  return (
    `Exception granted by ${handleText(grant.by)} for commit ${codeSpan(shortSha(grant.sha))} ` +
    `(${formatFreezeTime(grant.at, zone, now)})${reason}.`
  );
}

function freezeTable(
  freezes: ActiveFreeze[],
  passes: Map<ActiveFreeze, Pass>,
  zone: string,
  now: number,
): string {
  const rows = freezes.slice(0, MAX_ROWS).map((freeze) => {
    const label = neutralizeInline(freeze.name, 120).replace(/[[\]]/g, "\\$&");
    const named = freeze.link ? `[${label}](${freeze.link})` : label;
    const reason = freeze.reason ? ` — ${neutralizeInline(freeze.reason, 120)}` : "";
    // Absolute times only: a relative "in 1h 59m" would change every minute and force a check rewrite
    // on every scheduled reconcile.
    const ends = endText(freeze, zone, now);
    const pass = passes.get(freeze);
    const effect =
      pass === undefined
        ? "**blocks**"
        : pass.by === "hotfix"
          ? "passed: this is the incident's fix"
          : `passed: exception by ${handleText(pass.grant.by)}`;
    return `| ${named} (${FREEZE_KIND_WORDS[freeze.kind]})${reason} | ${formatFreezeTime(freeze.startedAt, zone, now)} | ${ends} | ${effect} |`;
  });
  const hidden = freezes.length - rows.length;
  return [
    "| Freeze | Since | Until | This pull request |",
    "| --- | --- | --- | --- |",
    ...rows,
    ...(hidden > 0 ? [`| …and ${hidden} more | | | |`] : []),
  ].join("\n");
}

function latestOf(records: ExceptionRecord[]): ExceptionRecord | undefined {
  return records.reduce<ExceptionRecord | undefined>(
    (latest, record) => (!latest || record.at > latest.at ? record : latest),
    undefined,
  );
}

function uniqueHandles(handles: string[]): string[] {
  const seen = new Set<string>();
  return handles.filter((handle) => {
    const key = handle.replace(/^@/, "").toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
