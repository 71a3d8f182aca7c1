import type { Config } from "../../core/config/schema.js";
import type { Incident, PostmortemLink } from "../../core/types.js";
import type { Templates } from "../../core/render/templates.js";
import { postmortemBranch, postmortemPath } from "../../core/postmortem/postmortemPath.js";
import { postmortemDocument } from "../../core/postmortem/postmortemDocument.js";
import { neutralizeInline } from "../../core/text/neutralize.js";
import { stripIncidentPrefix } from "../../core/postmortem/slugify.js";
import { postmortemPullBody } from "../../core/postmortem/postmortemPullBody.js";
import { postmortemReviewers } from "../../core/postmortem/postmortemReviewers.js";
import type { GitHubContext } from "../../github/types.js";
import { repoInfo } from "../../github/repoInfo.js";
import { branchSha, createFileOnce, ensureBranch, resetBranch } from "../../github/git.js";
import { createPullOnce, pullsForBranch, requestReviewers } from "../../github/pulls.js";
import type { PullSummary } from "../../github/pulls.js";
import { writeLabels } from "../../github/writeLabels.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";

export interface PostmortemResult {
  link: PostmortemLink;
  writes: number;
}

/**
 * Finds the incident's post-mortem pull request, or opens it: branch from the default branch, the
 * pre-filled document, the PR, its label and reviewers. Every step tolerates having been done already,
 * so a reconcile interrupted half-way is finished by the next one and never makes a second PR.
 */
export async function ensurePostmortem(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  incident: Incident,
  now: number,
): Promise<PostmortemResult> {
  const branch = postmortemBranch(incident, config);
  const pulls = await pullsForBranch(gh, branch);
  const existing = pulls.find((p) => p.state === "open") ?? pulls.find((p) => p.merged) ?? pulls[0];
  const path = postmortemPath(incident, config);
  // An open or merged PR is the post-mortem; a closed, unmerged one is shown on the board as it is.
  if (existing) return { link: linkOf(existing, path), writes: 0 };

  let writes = 0;
  const { defaultBranch, htmlUrl } = await repoInfo(gh);
  const baseSha = await branchSha(gh, defaultBranch);
  if (baseSha === undefined)
    throw new Error(`default branch ${defaultBranch} has no commits; cannot open the post-mortem`);
  if ((await ensureBranch(gh, branch, baseSha)) === "created") writes++;
  else if (pulls.length > 0) {
    // Only a branch left by an earlier, closed PR is reset; a branch with no PR is a half-finished run to reuse.
    await resetBranch(gh, branch, baseSha);
    writes++;
  }

  const document = postmortemDocument(templates.postmortem, incident, config, now, htmlUrl);
  const created = await createFileOnce(gh, {
    path,
    branch,
    content: document,
    message: `Post-mortem draft for incident #${incident.number}`,
  });
  if (created === "created") writes++;

  const title = `Post-mortem: ${neutralizeInline(stripIncidentPrefix(incident.title), 120)} (#${incident.number})`;
  const body = postmortemPullBody(templates["postmortem-pr"], incident, config, now);
  const pr = await createPullOnce(gh, { head: branch, base: defaultBranch, title, body });
  writes++;
  await ensureRepoLabels(gh, config, [config.labels.postmortem]);
  await writeLabels(gh, pr.number, [config.labels.postmortem], []);
  writes++;

  const handles = postmortemReviewers(incident, config).filter(
    (h) => !gh.trustedBots.has(h.replace(/^@/, "").toLowerCase()),
  );
  const users = [...new Set(handles.filter((h) => !h.includes("/")).map((h) => h.replace(/^@/, "")))];
  const teams = [...new Set(handles.filter((h) => h.includes("/")).map((h) => h.split("/")[1] ?? ""))].filter(
    (t) => t !== "",
  );
  await requestReviewers(gh, pr.number, users, teams);
  if (users.length + teams.length > 0) writes++;
  gh.log.info({ incident: incident.number, pull: pr.number }, "post-mortem pull request opened");
  return { link: linkOf(pr, path), writes };
}

function linkOf(pr: PullSummary, path: string): PostmortemLink {
  return {
    number: pr.number,
    url: pr.url,
    state: pr.merged ? "merged" : pr.state,
    path,
    openedAt: pr.createdAt,
    ...(pr.mergedAt !== undefined ? { mergedAt: pr.mergedAt } : {}),
  };
}
