import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Mustache from "mustache";
import type { Config } from "../core/config/schema.js";
import type { ConfigProblem } from "../core/config/parseConfig.js";
import type { Templates } from "../core/render/templates.js";
import { TEMPLATE_NAMES } from "../core/render/templates.js";
import type { GitHubContext } from "./types.js";
import { statusOf } from "./types.js";

let bundled: Templates | undefined;

/** The templates shipped with Expedite; found by walking up from this module (works from src and dist). */
export function bundledTemplates(): Templates {
  if (bundled) return bundled;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6 && !existsSync(join(dir, "templates", "board.md.mustache")); i++) dir = dirname(dir);
  const folder = join(dir, "templates");
  const loaded: Record<string, string> = {};
  for (const name of TEMPLATE_NAMES) {
    const file = join(folder, `${name}.md.mustache`);
    if (existsSync(file)) loaded[name] = readFileSync(file, "utf8");
  }
  bundled = loaded as Templates;
  return bundled;
}

/**
 * Bundled templates overlaid with the repository's own `<templates.directory>/<name>.md.mustache`. A
 * repository template that does not parse is reported and the bundled one is used instead. Remembered with
 * the rest of the repository's settings (RunCaches.settings), not on their own.
 */
export async function loadTemplates(
  gh: GitHubContext,
  config: Config,
): Promise<{ templates: Templates; problems: ConfigProblem[] }> {
  const directory = config.templates.directory;
  if (directory === undefined) return { templates: bundledTemplates(), problems: [] };
  const templates = { ...bundledTemplates() };
  const problems: ConfigProblem[] = [];
  let listing: Array<{ name: string; path: string; type: string }> = [];
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path: directory,
    });
    listing = Array.isArray(data) ? data : [];
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  const wanted = new Map<string, string>(TEMPLATE_NAMES.map((n) => [`${n}.md.mustache`, n]));
  for (const entry of listing) {
    const name = wanted.get(entry.name);
    if (entry.type !== "file" || name === undefined) continue;
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path: entry.path,
      mediaType: { format: "raw" },
    });
    // The raw media type answers with the file's text.
    const text = typeof data === "string" ? data : "";
    try {
      Mustache.parse(text);
      templates[name] = text;
    } catch (error) {
      problems.push({
        key: `templates.directory`,
        value: entry.path,
        message: `this template does not parse (${(error as Error).message}); the bundled one is used until it is fixed`,
      });
    }
  }
  return { templates, problems };
}
