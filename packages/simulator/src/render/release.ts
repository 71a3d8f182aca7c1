import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { MilestoneRecord, ReleaseRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import { restUser, webhookUser } from "./user.js";

function releaseCore(world: World, repo: RepoRecord, r: ReleaseRecord): Record<string, unknown> {
  const api = repoApiUrl(world, repo, `/releases/${r.id}`);
  return {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo.owner}/${repo.name}/releases/${r.id}/assets{?name,label}`,
    html_url: repoHtmlUrl(
      repo,
      r.draft ? `/releases/tag/untagged-${r.id}` : `/releases/tag/${encodeURIComponent(r.tagName)}`,
    ),
    id: r.id,
    node_id: nodeId("Release", r.id),
    tag_name: r.tagName,
    target_commitish: r.targetCommitish,
    name: r.name,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: isoTime(r.createdAt),
    published_at: r.publishedAt === undefined ? null : isoTime(r.publishedAt),
    assets: [],
    tarball_url: r.draft ? null : repoApiUrl(world, repo, `/tarball/${r.tagName}`),
    zipball_url: r.draft ? null : repoApiUrl(world, repo, `/zipball/${r.tagName}`),
    body: r.body,
  };
}

export function restRelease(world: World, repo: RepoRecord, r: ReleaseRecord): Record<string, unknown> {
  return {
    ...releaseCore(world, repo, r),
    author: restUser(world, world.requireUser(r.author)),
    updated_at: isoTime(r.updatedAt),
  };
}

export function webhookRelease(world: World, repo: RepoRecord, r: ReleaseRecord): Record<string, unknown> {
  return { ...releaseCore(world, repo, r), author: webhookUser(world, world.requireUser(r.author)) };
}

function milestoneCore(world: World, repo: RepoRecord, m: MilestoneRecord): Record<string, unknown> {
  return {
    url: repoApiUrl(world, repo, `/milestones/${m.number}`),
    html_url: repoHtmlUrl(repo, `/milestone/${m.number}`),
    labels_url: repoApiUrl(world, repo, `/milestones/${m.number}/labels`),
    id: m.id,
    node_id: nodeId("Milestone", m.id),
    number: m.number,
    title: m.title,
    description: m.description,
    open_issues: 0,
    closed_issues: 0,
    state: m.state,
    created_at: isoTime(m.createdAt),
    updated_at: isoTime(m.updatedAt),
    due_on: m.dueOn === undefined ? null : isoTime(m.dueOn),
    closed_at: m.closedAt === undefined ? null : isoTime(m.closedAt),
  };
}

export function restMilestone(world: World, repo: RepoRecord, m: MilestoneRecord): Record<string, unknown> {
  return { ...milestoneCore(world, repo, m), creator: restUser(world, world.requireUser(m.creator)) };
}

export function webhookMilestone(
  world: World,
  repo: RepoRecord,
  m: MilestoneRecord,
): Record<string, unknown> {
  return { ...milestoneCore(world, repo, m), creator: webhookUser(world, world.requireUser(m.creator)) };
}
