import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { repoApiUrl, repoHtmlUrl } from "./urls.js";
import { restUser, webhookUser } from "./user.js";

function openIssueCount(repo: RepoRecord): number {
  let count = 0;
  for (const issue of repo.issues.values()) if (issue.state === "open") count++;
  return count;
}

/** Fields shared by the REST and webhook repository objects. */
function repositoryCore(world: World, repo: RepoRecord): Record<string, unknown> {
  const url = (suffix: string) => repoApiUrl(world, repo, suffix);
  const open = openIssueCount(repo);
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.private,
    html_url: repoHtmlUrl(repo),
    description: null,
    fork: false,
    url: url(""),
    forks_url: url("/forks"),
    keys_url: url("/keys{/key_id}"),
    collaborators_url: url("/collaborators{/collaborator}"),
    teams_url: url("/teams"),
    hooks_url: url("/hooks"),
    issue_events_url: url("/issues/events{/number}"),
    events_url: url("/events"),
    assignees_url: url("/assignees{/user}"),
    branches_url: url("/branches{/branch}"),
    tags_url: url("/tags"),
    blobs_url: url("/git/blobs{/sha}"),
    git_tags_url: url("/git/tags{/sha}"),
    git_refs_url: url("/git/refs{/sha}"),
    trees_url: url("/git/trees{/sha}"),
    statuses_url: url("/statuses/{sha}"),
    languages_url: url("/languages"),
    stargazers_url: url("/stargazers"),
    contributors_url: url("/contributors"),
    subscribers_url: url("/subscribers"),
    subscription_url: url("/subscription"),
    commits_url: url("/commits{/sha}"),
    git_commits_url: url("/git/commits{/sha}"),
    comments_url: url("/comments{/number}"),
    issue_comment_url: url("/issues/comments{/number}"),
    contents_url: url("/contents/{+path}"),
    compare_url: url("/compare/{base}...{head}"),
    merges_url: url("/merges"),
    archive_url: url("/{archive_format}{/ref}"),
    downloads_url: url("/downloads"),
    issues_url: url("/issues{/number}"),
    pulls_url: url("/pulls{/number}"),
    milestones_url: url("/milestones{/number}"),
    notifications_url: url("/notifications{?since,all,participating}"),
    labels_url: url("/labels{/name}"),
    releases_url: url("/releases{/id}"),
    deployments_url: url("/deployments"),
    created_at: isoTime(repo.createdAt),
    updated_at: isoTime(repo.updatedAt),
    pushed_at: isoTime(repo.pushedAt),
    git_url: `git://github.com/${repo.owner}/${repo.name}.git`,
    ssh_url: `git@github.com:${repo.owner}/${repo.name}.git`,
    clone_url: repoHtmlUrl(repo, ".git"),
    svn_url: repoHtmlUrl(repo),
    homepage: null,
    size: 1,
    stargazers_count: 0,
    watchers_count: 0,
    language: "TypeScript",
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: repo.defaultBranch,
  };
}

export function webhookRepository(world: World, repo: RepoRecord): Record<string, unknown> {
  return {
    ...repositoryCore(world, repo),
    owner: webhookUser(world, world.requireUser(repo.owner)),
    custom_properties: {},
  };
}

/** push payloads carry epoch-second timestamps and a few legacy keys, as GitHub still sends them. */
export function pushRepository(world: World, repo: RepoRecord): Record<string, unknown> {
  return {
    ...webhookRepository(world, repo),
    created_at: Math.floor(repo.createdAt / 1000),
    pushed_at: Math.floor(repo.pushedAt / 1000),
    stargazers: 0,
    master_branch: repo.defaultBranch,
  };
}

export function restRepository(world: World, repo: RepoRecord): Record<string, unknown> {
  return { ...repositoryCore(world, repo), owner: restUser(world, world.requireUser(repo.owner)) };
}

export function fullRepository(
  world: World,
  repo: RepoRecord,
  permissions?: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean },
): Record<string, unknown> {
  const owner = world.requireUser(repo.owner);
  return {
    ...restRepository(world, repo),
    ...(permissions ? { permissions } : {}),
    ...(owner.type === "Organization" ? { organization: restUser(world, owner) } : {}),
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    network_count: 0,
    subscribers_count: 0,
  };
}
