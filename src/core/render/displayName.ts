import { neutralize } from "../text/neutralize.js";

/** A login shown without pinging its owner (boards are edited often; mentions belong in notices). */
export function displayName(login: string | undefined): string | undefined {
  return login === undefined ? undefined : `**${neutralize(login)}**`;
}
