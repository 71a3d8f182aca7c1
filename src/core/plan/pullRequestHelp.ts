import { helpText } from "../commands/commandTable.js";
import { neutralize } from "../text/neutralize.js";

/** The answer to /help on a pull request: the commands that can be typed there. */
export function pullRequestHelp(author: string): string {
  return `@${neutralize(author)} on a pull request Expedite understands:\n\n${helpText("pull-request")}`;
}
