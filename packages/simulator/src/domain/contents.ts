import { HttpError } from "../http/httpError.js";
import { blobSha } from "../git/hashes.js";
import { commit } from "../git/commits.js";
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import type { Actor } from "./actor.js";
import { commitFiles } from "./refs.js";

/** PUT /contents/{path}: GitHub insists on the current blob sha to overwrite a file. */
export function putFile(
  world: World,
  repo: RepoRecord,
  input: { path: string; content: string; message: string; sha?: string; branch?: string },
  actor: Actor,
): { created: boolean; commitSha: string } {
  const branch = input.branch ?? repo.defaultBranch;
  const tip = repo.refs.get(`heads/${branch}`);
  if (tip === undefined) throw new HttpError(404, `Branch ${branch} not found`);
  const existing = commit(repo, tip).files.get(input.path);
  if (existing !== undefined) {
    if (input.sha === undefined) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (input.sha !== blobSha(existing))
      throw new HttpError(409, `${input.path} does not match ${input.sha}`);
  }
  const commitSha = commitFiles(
    world,
    repo,
    { branch, changes: { [input.path]: input.content }, message: input.message, author: actor.login },
    actor,
  );
  return { created: existing === undefined, commitSha };
}
