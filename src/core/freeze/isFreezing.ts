import type { Config } from "../config/schema.js";
import type { IssueSnapshot } from "../snapshot.js";
import type { Incident } from "../types.js";
import { freezesMerges } from "./activeFreezes.js";
import { freezeReading } from "./freezeReading.js";

/**
 * Whether an incident freezes merges, as its labels say (what the pull requests' last verdicts saw) or
 * as projected. Labels without a severity yet mean the freeze checks have not counted it.
 */
export function isFreezing(incident: IssueSnapshot | Incident, config: Config): boolean {
  if (!("labels" in incident)) return freezesMerges(incident, config);
  const has = (name: string) => incident.labels.some((l) => l.toLowerCase() === name.toLowerCase());
  // The hold label keeps the freeze whatever the other labels and the open state say.
  if (has(config.labels.freeze_held)) return true;
  if (!has(config.labels.incident)) return false;
  const { state, severity } = freezeReading(incident.labels, config);
  return (
    severity !== undefined &&
    freezesMerges({ open: incident.state === "open", state: state ?? "declared", severity }, config)
  );
}
