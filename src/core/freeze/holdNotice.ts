import type { Config } from "../config/schema.js";
import type { FreezeHold } from "./freezeHold.js";

/**
 * The one comment that tells everyone on a freeze issue (or an issue that stopped being an incident) why
 * merges stay frozen after a hand change, and who can lift the freeze. Logins in code spans: it names the
 * person without pinging them.
 */
export function holdNotice(hold: FreezeHold, config: Config, kind: "freeze" | "incident"): string {
  const how =
    kind === "freeze"
      ? "comment `/unfreeze` here, or close the issue themselves"
      : "resolve or cancel it by command, or make the same change themselves";
  return [
    `🧊 **Merges stay frozen.** \`${hold.by}\` ${hold.change}, which would have lifted this code freeze, but that takes the **${hold.needed}** role on this repository and they have **${hold.role}**.`,
    "",
    `Nothing was reverted: the issue stays as they left it, and the \`${config.labels.freeze_held}\` label marks the freeze as still in force. Someone with the ${hold.needed} role can lift it: ${how}, or take the \`${config.labels.freeze_held}\` label off.`,
  ].join("\n");
}
