import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { HookableOctokit, OctokitLike } from "../github/types.js";

const CONTENTS = "/repos/{owner}/{repo}/contents/{path}";

/**
 * Serves reads of this repository's files on its default branch (the configuration, template overrides)
 * from a trusted checkout of that branch instead of the contents API: the workflow already has them, and
 * every run would otherwise spend a request on them. Reads with a `ref`, of other repositories, or of
 * paths the checkout does not hold (a sparse checkout) go to GitHub as before. Counts what it served.
 */
export function withCheckoutFiles<T extends OctokitLike>(
  octokit: T,
  checkout: { root: string; owner: string; repo: string },
  served: string[] = [],
): T {
  const root = realpathSync(checkout.root);
  (octokit as unknown as HookableOctokit).hook.wrap("request", async (request, options) => {
    if (
      options.method !== "GET" ||
      options.url !== CONTENTS ||
      options.ref !== undefined ||
      String(options.owner).toLowerCase() !== checkout.owner.toLowerCase() ||
      String(options.repo).toLowerCase() !== checkout.repo.toLowerCase()
    )
      return request(options);
    const path = String((options.path as string | undefined) ?? "").replace(/^\/+|\/+$/g, "");
    const local = localEntry(root, path);
    if (local === undefined) return request(options);
    served.push(path);
    const raw = (options.mediaType as { format?: string } | undefined)?.format === "raw";
    return respond(local, path, raw);
  });
  return octokit;
}

type Entry =
  { kind: "file"; text: string } | { kind: "dir"; children: Array<{ name: string; dir: boolean }> };

/** The file or directory at `path` inside the checkout; never follows a link or leaves the checkout. */
function localEntry(root: string, path: string): Entry | undefined {
  if (path === "" || path.split("/").some((part) => part === ".." || part === "." || part === ".git"))
    return undefined;
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) return undefined;
  // Every step must be a real directory or file: a link could point outside the repository.
  let at = root;
  for (const part of relative(root, full).split(sep)) {
    at = join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return undefined;
    } catch {
      return undefined;
    }
  }
  const stat = lstatSync(full);
  if (stat.isFile()) return { kind: "file", text: readFileSync(full, "utf8") };
  if (!stat.isDirectory()) return undefined;
  const children = readdirSync(full, { withFileTypes: true })
    .filter((d) => (d.isFile() || d.isDirectory()) && d.name !== ".git")
    .map((d) => ({ name: d.name, dir: d.isDirectory() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { kind: "dir", children };
}

/** The answer the contents API would give, in the shape Octokit returns. */
function respond(entry: Entry, path: string, raw: boolean): unknown {
  const url = `checkout:${path}`;
  if (entry.kind === "dir") {
    return {
      status: 200,
      url,
      headers: { "content-type": "application/json; charset=utf-8" },
      data: entry.children.map((c) => ({
        name: c.name,
        path: `${path}/${c.name}`,
        type: c.dir ? "dir" : "file",
      })),
    };
  }
  if (raw) {
    // The config plugin expects JSON files parsed and YAML as text.
    const data = path.toLowerCase().endsWith(".json") ? parseJson(entry.text) : entry.text;
    return { status: 200, url, headers: { "content-type": "text/plain; charset=utf-8" }, data };
  }
  return {
    status: 200,
    url,
    headers: { "content-type": "application/json; charset=utf-8" },
    data: {
      type: "file",
      name: path.split("/").pop(),
      path,
      size: Buffer.byteLength(entry.text),
      encoding: "base64",
      content: Buffer.from(entry.text, "utf8").toString("base64"),
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
