import { createHash } from "node:crypto";

/** The real git blob id, so `sha` from the contents API matches what git would compute. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest("hex");
}

/** A stable tree id (not git's binary tree encoding, but equal trees get equal ids, which is what matters). */
export function treeSha(files: ReadonlyMap<string, string>): string {
  const hash = createHash("sha1").update("tree\0");
  for (const path of [...files.keys()].sort()) hash.update(`${path}\0${blobSha(files.get(path)!)}\n`);
  return hash.digest("hex");
}

export function commitSha(parts: {
  tree: string;
  parents: string[];
  author: string;
  at: number;
  message: string;
  salt: number;
}): string {
  return createHash("sha1")
    .update(JSON.stringify([parts.tree, parts.parents, parts.author, parts.at, parts.message, parts.salt]))
    .digest("hex");
}
