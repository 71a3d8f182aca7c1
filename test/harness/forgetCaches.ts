// Expedite keeps per-process caches keyed by repository (labels, templates, repository info, ETags,
// settings). Every World, and every benchmark scenario, starts a new simulator with a repository of the
// same name, so it must start cold: this is the one list of those caches, for the tests and the bench.
import { forgetRepoLabels } from "../../src/github/ensureRepoLabels.js";
import { forgetTemplates } from "../../src/github/loadTemplates.js";
import { forgetRepoInfo } from "../../src/github/repoInfo.js";
import { forgetEtags } from "../../src/github/withEtagCache.js";
import { forgetRepoSettings } from "../../src/reconcile/repoSettings.js";

/** Empties every per-process cache of Expedite, as if the process had just started. */
export function forgetCaches(): void {
  forgetRepoLabels();
  forgetTemplates();
  forgetRepoInfo();
  forgetEtags();
  forgetRepoSettings();
}
