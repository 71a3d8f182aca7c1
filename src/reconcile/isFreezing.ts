import type { Config } from "../core/config/schema.js";
import type { IssueSnapshot } from "../core/snapshot.js";
import type { Incident } from "../core/types.js";
import { freezesMerges } from "../core/freeze/activeFreezes.js";
import { freezeReading } from "../core/freeze/freezeReading.js";

/**
 * Whether an incident freezes merges, as its labels say (what the pull requests' last verdicts saw) or
 * as projected. Labels without a severity yet mean the freeze checks have not counted it.
 */
export function isFreezing(incident: IssueSnapshot | Incident, config: Config): boolean {
  if (!("labels" in incident)) return freezesMerges(incident, config);
  const incidentLabel = config.labels.incident.toLowerCase();
  if (!incident.labels.some((l) => l.toLowerCase() === incidentLabel)) return false;
  const { state, severity } = freezeReading(incident.labels, config);
  return (
    severity !== undefined &&
    freezesMerges({ open: incident.state === "open", state: state ?? "declared", severity }, config)
  );
}
