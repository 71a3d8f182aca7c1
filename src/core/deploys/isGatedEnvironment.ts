import picomatch from "picomatch";
import type { Config } from "../config/schema.js";

/** Whether deployments to this environment wait for freezes. GitHub's environment names ignore case. */
export function isGatedEnvironment(environment: string, config: Config): boolean {
  const globs = config.deploys.environments;
  return globs.length > 0 && picomatch([...globs], { nocase: true, dot: true })(environment);
}
