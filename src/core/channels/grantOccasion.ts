import type { Config } from "../config/schema.js";
import type { Occasion } from "./occasions.js";
import type { GrantSubject } from "./types.js";

/**
 * The message that an exception was granted: one per grant, named by the request that made it (comment id
 * and line), kept on the pull request or hold issue where it was granted, for the deployments channel.
 */
export function grantOccasion(config: Config, request: string, at: number, grant: GrantSubject): Occasion {
  return {
    message: `exception-granted:${request}`,
    event: "exception-granted",
    at,
    channels: config.deploys.channels,
    subject: { type: "grant", grant },
  };
}
