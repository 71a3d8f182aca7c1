import type { World } from "./world.js";
import { FULL, OWNER, REPO } from "./world.js";

/** Small helpers to act as a responder over HTTP. */
export async function comment(world: World, who: string, number: number, body: string): Promise<number> {
  const { data } = await world
    .as(who)
    .rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: number, body });
  return data.id;
}

/** Edits a comment, as `who` (anyone with write access may edit anyone's comment). */
export async function editComment(world: World, who: string, id: number, body: string): Promise<void> {
  await world.as(who).rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: id, body });
}

/** Pushes a commit to a new branch and opens a pull request from it into main. */
export async function openPull(
  world: World,
  who: string,
  branch: string,
  title: string,
  body = "",
): Promise<number> {
  world.sim.pushCommit({
    repo: FULL,
    branch,
    files: { [`src/${branch}.ts`]: `export const x = "${branch}";\n` },
    author: who,
  });
  const { data } = await world
    .as(who)
    .rest.pulls.create({ owner: OWNER, repo: REPO, head: branch, base: "main", title, body });
  return data.number;
}

export async function addLabel(world: World, who: string, number: number, label: string): Promise<void> {
  await world
    .as(who)
    .rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: number, labels: [label] });
}

export async function removeLabel(world: World, who: string, number: number, label: string): Promise<void> {
  await world
    .as(who)
    .rest.issues.removeLabel({ owner: OWNER, repo: REPO, issue_number: number, name: label });
}

export async function openIncident(world: World, who: string, title: string, body: string): Promise<number> {
  const { data } = await world
    .as(who)
    .rest.issues.create({ owner: OWNER, repo: REPO, title, body, labels: ["incident"] });
  return data.number;
}

export const SEV1 =
  "SEV1 – Critical: most customers cannot use a core flow (checkout, booking, sign-in) or revenue is being lost, and there is no workaround";
export const SEV2 =
  "SEV2 – Major: a core flow is broken or badly slowed for many customers, or revenue is at risk; any workaround is partial";
export const SEV3 =
  "SEV3 – Minor: something is degraded for some customers, a reasonable workaround exists, no direct revenue loss";
export const SEV4 =
  "SEV4 – Low: cosmetic, internal only, or a handful of people affected; can wait for working hours";
