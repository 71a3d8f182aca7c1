import type { Config } from "../../core/config/schema.js";
import { shortSha } from "../../core/freeze/freezeText.js";
import { codeSpan } from "../../core/text/codeSpan.js";
import { markerIdentity, parseMarker, renderMarker } from "../../core/markers.js";
import { closeIssue, createIssueOnce, markedIssues, reopenIssue } from "../../github/issues.js";
import { readIssue } from "../../github/readIssue.js";
import type { MarkedIssue } from "../../github/issues.js";
import type { GitHubContext } from "../../github/types.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";

/** The issue that records the deployments of one commit held by a freeze, and collects its exceptions. */
export interface HoldIssue {
  number: number;
  url: string;
  sha: string;
  branch: string;
  open: boolean;
}

function holdIdentity(sha: string, branch: string): string {
  return markerIdentity({ kind: "deploy-hold", data: { sha, branch } });
}

function toHold(issue: MarkedIssue): HoldIssue | undefined {
  const marker = parseMarker(issue.body);
  if (marker?.kind !== "deploy-hold" || !marker.data.sha || !marker.data.branch) return undefined;
  return {
    number: issue.number,
    url: issue.url,
    sha: marker.data.sha,
    branch: marker.data.branch,
    open: issue.state === "open",
  };
}

/** Every hold issue still open (some deployment of its commit may be waiting). */
export async function openHolds(gh: GitHubContext, config: Config): Promise<HoldIssue[]> {
  const issues = await markedIssues(gh, config.labels.deploy_hold, "open");
  return issues.map(toHold).filter((h): h is HoldIssue => h !== undefined);
}

/** The commit's hold issue, open or closed, if it has one. */
export async function findHold(
  gh: GitHubContext,
  config: Config,
  sha: string,
  branch: string,
): Promise<HoldIssue | undefined> {
  const identity = holdIdentity(sha, branch);
  const issues = await markedIssues(gh, config.labels.deploy_hold, "all");
  const found = issues.filter((i) => i.identity === identity).sort((a, b) => a.number - b.number)[0];
  return found ? toHold(found) : undefined;
}

/** Finds or opens the commit's hold issue, reopening it if an earlier freeze's record was closed. */
export async function ensureHold(
  gh: GitHubContext,
  config: Config,
  sha: string,
  branch: string,
  repoUrl: string,
): Promise<HoldIssue> {
  const existing = await findHold(gh, config, sha, branch);
  if (existing) {
    if (!existing.open) {
      await reopenIssue(gh, existing.number);
    }
    return { ...existing, open: true };
  }
  const identity = holdIdentity(sha, branch);
  await ensureRepoLabels(gh, config, [config.labels.deploy_hold]);
  const created = await createIssueOnce(gh, {
    title: `Deploys of ${shortSha(sha)} (${branch}) held by a code freeze`,
    body: holdBody(sha, branch, repoUrl),
    labels: [config.labels.deploy_hold],
    find: async () => {
      const found = (await markedIssues(gh, config.labels.deploy_hold, "all")).find(
        (i) => i.identity === identity,
      );
      return found ? { number: found.number, url: found.url } : undefined;
    },
  });
  // Two requests for the same commit at once can both find nothing and both open one: everyone settles
  // on the oldest, and the newer one is closed as a duplicate.
  const twins = (await markedIssues(gh, config.labels.deploy_hold, "all"))
    .filter((i) => i.identity === identity && i.number !== created.number)
    .sort((a, b) => a.number - b.number);
  const oldest = twins[0];
  if (oldest && oldest.number < created.number) {
    await closeIssue(gh, created.number, "not_planned", { body: `Duplicate of #${oldest.number}.` });
    return { number: oldest.number, url: oldest.url, sha, branch, open: oldest.state === "open" };
  }
  return { ...created, sha, branch, open: true };
}

/** The hold issue with this number, if it is one the bot opened. */
export async function readHold(gh: GitHubContext, number: number): Promise<HoldIssue | undefined> {
  const issue = await readIssue(gh, number);
  if (!gh.trustedBots.has(issue.author.toLowerCase())) return undefined;
  return toHold({
    number: issue.number,
    url: issue.url,
    title: issue.title,
    state: issue.state,
    identity: "",
    body: issue.body,
    createdAt: issue.createdAt,
  });
}

function holdBody(sha: string, branch: string, repoUrl: string): string {
  return [
    renderMarker("deploy-hold", { sha, branch }),
    `Deployments of commit [${codeSpan(shortSha(sha))}](${repoUrl}/commit/${sha}) from ${codeSpan(branch)} ` +
      "to gated environments are held by a code freeze. Each deployment that waits is listed in a comment " +
      "below; Expedite approves it when the freeze ends and closes this issue once nothing waits.",
    "",
    "**To deploy during the freeze**, the on-call engineer or a freeze approver comments " +
      `${codeSpan("/freeze-exception <reason>")} here. The exception covers this commit only, and it is ` +
      "recorded on the incident or freeze issue and in the post-mortem.",
  ].join("\n");
}
