import { nodeId } from "../world/ids.js";
import { isoTime } from "../world/isoTime.js";
import type { UserRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { HTML_BASE, apiUrl, loginPath } from "./urls.js";

/** The user object of webhook payloads (a closed schema), also the base of the REST simple-user. */
export function webhookUser(world: World, user: UserRecord): Record<string, unknown> {
  const path = `/users/${loginPath(user.login)}`;
  const isBot = user.type === "Bot";
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(isBot ? "Bot" : user.type === "Organization" ? "Organization" : "User", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: apiUrl(world, path),
    html_url: isBot
      ? `${HTML_BASE}/apps/${loginPath(user.login.replace(/\[bot\]$/, ""))}`
      : `${HTML_BASE}/${user.login}`,
    followers_url: apiUrl(world, `${path}/followers`),
    following_url: apiUrl(world, `${path}/following{/other_user}`),
    gists_url: apiUrl(world, `${path}/gists{/gist_id}`),
    starred_url: apiUrl(world, `${path}/starred{/owner}{/repo}`),
    subscriptions_url: apiUrl(world, `${path}/subscriptions`),
    organizations_url: apiUrl(world, `${path}/orgs`),
    repos_url: apiUrl(world, `${path}/repos`),
    events_url: apiUrl(world, `${path}/events{/privacy}`),
    received_events_url: apiUrl(world, `${path}/received_events`),
    type: user.type,
    site_admin: false,
  };
}

export function restUser(world: World, user: UserRecord): Record<string, unknown> {
  return { ...webhookUser(world, user), user_view_type: "public" };
}

/** GET /users/{username} and GET /user: the public profile. */
export function publicUser(world: World, user: UserRecord): Record<string, unknown> {
  return {
    ...restUser(world, user),
    name: user.type === "Bot" ? null : user.login,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: [...world.repos.values()].filter((r) => r.owner === user.login && !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: isoTime(user.createdAt),
    updated_at: isoTime(user.createdAt),
  };
}

/** The organization object of webhook payloads. */
export function webhookOrganization(world: World, org: UserRecord): Record<string, unknown> {
  const path = `/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: apiUrl(world, path),
    repos_url: apiUrl(world, `${path}/repos`),
    events_url: apiUrl(world, `${path}/events`),
    hooks_url: apiUrl(world, `${path}/hooks`),
    issues_url: apiUrl(world, `${path}/issues`),
    members_url: apiUrl(world, `${path}/members{/member}`),
    public_members_url: apiUrl(world, `${path}/public_members{/member}`),
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
  };
}
