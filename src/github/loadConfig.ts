import { composeConfigGet } from "@probot/octokit-plugin-config";
import type { ConfigProblem } from "../core/config/parseConfig.js";
import { parseConfig } from "../core/config/parseConfig.js";
import { mergeConfigs } from "../core/config/mergeConfigs.js";
import type { Config } from "../core/config/schema.js";
import { locateProblems, yamlSyntaxProblem } from "../core/config/locateProblems.js";
import { readFile } from "./git.js";
import type { GitHubContext } from "./types.js";

export const CONFIG_PATH = ".github/expedite.yml";

export type LoadedConfig =
  | { ok: true; config: Config; sources: string[] }
  | { ok: false; problems: ConfigProblem[]; sources: string[] };

/**
 * Reads `.github/expedite.yml` with Probot's conventions (the owner's `.github` repository as fallback,
 * `_extends` chains), merges the layers and validates the result. Never throws for a bad file: the
 * caller reports the problems where people will see them.
 */
export async function loadConfig(gh: GitHubContext, path = CONFIG_PATH, ref?: string): Promise<LoadedConfig> {
  let files: Array<{ owner: string; repo: string; path: string; url: string; config: unknown }>;
  try {
    const result = await composeConfigGet(gh.octokit as never, {
      owner: gh.owner,
      repo: gh.repo,
      path,
      ...(ref !== undefined ? { branch: ref } : {}),
    });
    files = result.files;
  } catch (error) {
    // Only the plugin's own parse errors are about the file; API and auth failures are not config problems.
    if (!String((error as Error).message ?? "").startsWith("[@probot/octokit-plugin-config]")) throw error;
    // The plugin's message names an API address; the author needs the line and what is wrong on it.
    const own = await readFile(gh, path, ref);
    const syntax = own === undefined ? undefined : yamlSyntaxProblem(own.text);
    return {
      ok: false,
      sources: [`${gh.owner}/${gh.repo}:${path}`],
      problems: [
        syntax ?? {
          key: "(file)",
          value: path,
          message:
            "a file this configuration is made of (this one or one it `_extends`) is not valid YAML. Check its indentation, quotes and colons, and the `_extends` value.",
        },
      ],
    };
  }
  const sources = files.filter((f) => f.config !== null).map((f) => `${f.owner}/${f.repo}:${f.path}`);
  // The plugin treats a missing `_extends` target like an empty file; a typo there would silently drop
  // the shared settings, so say so. (Index 1 may be the owner's `.github` fallback, which is optional.)
  const fallbackUsed = files[0]?.config === null;
  for (let i = 1; i < files.length; i++) {
    const file = files[i];
    if (file === undefined || file.config !== null) continue;
    if (i === 1 && fallbackUsed) continue;
    return {
      ok: false,
      sources,
      problems: [
        {
          key: "_extends",
          value: `${file.owner}/${file.repo}:${file.path}`,
          message:
            'the file this configuration extends does not exist or the App cannot read it. Fix the `_extends` value ("repo", "owner/repo" or "owner/repo:path.yml") or install the App on that repository.',
        },
      ],
    };
  }
  const layers = files
    .map((f) => f.config)
    .filter((c) => c !== null)
    .reverse();
  const parsed = parseConfig(mergeConfigs(layers));
  if (parsed.ok) return { ok: true, config: parsed.config, sources };
  // Point at the lines of this repository's own file (a key from an `_extends` layer has none there).
  const own = files[0]?.config === null ? undefined : await readFile(gh, path, ref);
  return { ok: false, problems: own ? locateProblems(own.text, parsed.problems) : parsed.problems, sources };
}
