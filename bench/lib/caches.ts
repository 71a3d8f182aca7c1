// Expedite keeps per-process caches keyed by repository (config, templates, labels, repo info, ETags).
// Every scenario starts a new simulator with a repository of the same name, so it must start cold too.
import { forgetRepoLabels } from "../../src/github/ensureRepoLabels.js";
import { forgetTemplates } from "../../src/github/loadTemplates.js";
import { forgetRepoInfo } from "../../src/github/repoInfo.js";

/** Caches that only some versions of Expedite have: called when the module exports them. */
const OPTIONAL: Array<[string, string]> = [
  ["../../src/github/withEtagCache.js", "forgetEtags"],
  ["../../src/reconcile/repoSettings.js", "forgetRepoSettings"],
];

export async function forgetCaches(): Promise<void> {
  forgetRepoLabels();
  forgetTemplates();
  forgetRepoInfo();
  for (const [path, name] of OPTIONAL) {
    const module = (await import(path).catch(() => ({}))) as Record<string, unknown>;
    const forget = module[name];
    if (typeof forget === "function") (forget as () => void)();
  }
}
