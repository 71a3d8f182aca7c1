import type { Config } from "../config/schema.js";
import type { FreezeHold } from "./freezeHold.js";

/**
 * What Expedite says where a freeze holds after a hand change: on a freeze issue or an issue that stopped
 * being an incident (`freeze`, `incident`), in the hold record that keeps the freeze (also `record` when
 * the record itself was closed and put back). Logins in code spans: it names people without pinging them.
 */
export function holdNotice(hold: FreezeHold, config: Config, kind: "freeze" | "incident" | "record"): string {
  const label = `\`${config.labels.freeze_held}\``;
  const what =
    kind === "record"
      ? `\`${hold.by}\` ${hold.change}, which would have lifted the code freeze this issue keeps`
      : `\`${hold.by}\` ${hold.change}, which would have lifted this code freeze`;
  const first = `🧊 **Merges stay frozen.** ${what}, but that takes the **${hold.needed}** role on this repository and they have **${hold.role}**.`;
  const rest =
    kind === "record"
      ? `It was put back. Someone with the ${hold.needed} role can lift the freeze: close this issue or comment \`/unfreeze\` here.`
      : `Nothing was reverted: a "Code freeze held" issue keeps the freeze in force, and the ${label} label marks this one. Someone with the ${hold.needed} role can lift it: ${
          kind === "freeze" ? "comment `/unfreeze` here" : "resolve or cancel it by command"
        }, close the "Code freeze held" issue, or take the ${label} label off this one.`;
  return `${first}\n\n${rest}`;
}
