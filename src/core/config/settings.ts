import type { Config } from "./schema.js";
import type { ConfigProblem, RefusedConfig } from "./parseConfig.js";
import type { Templates } from "../render/templates.js";

/**
 * A repository's settings as one run sees them: what every reconcile of the repository is told, in one
 * value instead of four loose parameters.
 */
export interface Settings {
  /** The configuration in force: the file's, or its last valid version while the file is refused. */
  config: Config;
  /** Bundled templates overlaid with the repository's own. */
  templates: Templates;
  /** Repository templates that did not parse (their bundled ones are used instead). */
  templateProblems: readonly ConfigProblem[];
  /** The configuration file was refused; `config` is its last valid version. */
  refused?: RefusedConfig;
  /** No configuration file anywhere (repository or owner's `.github`): the defaults apply. */
  absent?: boolean;
}

/** The settings of a repository as read: usable, or an invalid file with nothing valid to fall back on. */
export type RepoSettings = ({ ok: true } & Settings) | { ok: false; problems: ConfigProblem[]; path: string };
