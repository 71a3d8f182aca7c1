import { putFile } from "../domain/contents.js";
import { commit, resolveRef } from "../git/commits.js";
import { blobSha } from "../git/hashes.js";
import { HttpError } from "../http/httpError.js";
import { gitCommit } from "../render/gitCommit.js";
import { repoApiUrl, repoHtmlUrl } from "../render/urls.js";
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { actorOf, repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

function entry(
  world: World,
  repo: RepoRecord,
  ref: string,
  path: string,
  type: "file" | "dir",
  content?: string,
) {
  const sha = type === "file" ? blobSha(content ?? "") : blobSha(`tree:${path}`);
  const url = repoApiUrl(world, repo, `/contents/${path}?ref=${encodeURIComponent(ref)}`);
  const gitUrl = repoApiUrl(world, repo, `/git/${type === "file" ? "blobs" : "trees"}/${sha}`);
  const htmlUrl = repoHtmlUrl(repo, `/${type === "file" ? "blob" : "tree"}/${ref}/${path}`);
  return {
    type,
    size: type === "file" ? Buffer.byteLength(content ?? "") : 0,
    name: path.split("/").pop()!,
    path,
    sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      type === "file" ? `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref}/${path}` : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

/** GitHub wraps base64 content at 60 characters. */
function base64Lines(content: string): string {
  return (
    (
      Buffer.from(content, "utf8")
        .toString("base64")
        .match(/.{1,60}/g) ?? [""]
    ).join("\n") + "\n"
  );
}

function wantsRaw(accept: string | undefined): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/i.test(accept ?? "");
}

export const contentRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/contents/{path}": (ctx) => {
    const { repo } = repoFor(ctx);
    const ref = ctx.query.ref === undefined || ctx.query.ref === "" ? repo.defaultBranch : str(ctx.query.ref);
    const sha = resolveRef(repo, ref);
    if (sha === undefined) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const path = str(ctx.params.path).replace(/^\/+|\/+$/g, "");
    const files = commit(repo, sha).files;
    const content = files.get(path);
    if (content !== undefined) {
      if (wantsRaw(ctx.headers.accept))
        return { status: 200, raw: content, contentType: "application/vnd.github.raw; charset=utf-8" };
      return {
        status: 200,
        body: {
          ...entry(ctx.world, repo, ref, path, "file", content),
          content: base64Lines(content),
          encoding: "base64",
        },
      };
    }
    // A directory (the root when the path is empty): list its direct children.
    const prefix = path === "" ? "" : `${path}/`;
    const children = new Map<string, "file" | "dir">();
    for (const file of files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const [name, ...deeper] = rest.split("/");
      children.set(`${prefix}${name}`, deeper.length > 0 ? "dir" : "file");
    }
    if (children.size === 0) throw new HttpError(404, "Not Found");
    const list = [...children]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([child, type]) => entry(ctx.world, repo, ref, child, type, files.get(child)));
    return { status: 200, body: list };
  },

  "PUT /repos/{owner}/{repo}/contents/{path}": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const encoded = String(ctx.body.content).replace(/\s/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) throw new HttpError(422, "content is not valid Base64");
    const path = str(ctx.params.path).replace(/^\/+|\/+$/g, "");
    const { created, commitSha } = putFile(
      ctx.world,
      repo,
      {
        path,
        content: Buffer.from(encoded, "base64").toString("utf8"),
        message: String(ctx.body.message),
        ...(ctx.body.sha !== undefined ? { sha: String(ctx.body.sha) } : {}),
        ...(ctx.body.branch !== undefined ? { branch: String(ctx.body.branch) } : {}),
      },
      actorOf(ctx.identity),
    );
    const made = commit(repo, commitSha);
    const branch = ctx.body.branch ?? repo.defaultBranch;
    return {
      status: created ? 201 : 200,
      body: {
        content: entry(ctx.world, repo, String(branch), path, "file", made.files.get(path)),
        commit: gitCommit(ctx.world, repo, made),
      },
    };
  },
};
