import { alertEvidenceComment, alertIncident } from "../../core/alerts/alertIncident.js";
import type { AlertRouting } from "../../core/alerts/routeAlert.js";
import type { Alert } from "../../core/alerts/types.js";
import type { Config } from "../../core/config/schema.js";
import { markerIdentity, parseMarker } from "../../core/markers.js";
import { closeIssue, createIssueOnce, markedIssues } from "../../github/issues.js";
import type { MarkedIssue } from "../../github/issues.js";
import type { GitHubContext } from "../../github/types.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";
import { createCommentOnce } from "../../github/writeComments.js";
import { createCommentOnceAmongRacers } from "../../github/createCommentOnceAmongRacers.js";
import { writeLabels } from "../../github/writeLabels.js";

export interface IngestResult {
  fingerprint: string;
  status: Alert["status"];
  incident?: number;
  /** opened: a new incident; evidence/resolved: recorded on the open one; unchanged: already recorded. */
  action: "opened" | "evidence" | "resolved" | "unchanged" | "no-open-incident";
}

/** The open incidents this alert declared, oldest first (normally one). */
async function openIncidentsFor(
  gh: GitHubContext,
  config: Config,
  fingerprint: string,
): Promise<MarkedIssue[]> {
  const identity = markerIdentity({ kind: "alert", data: { fingerprint } });
  return (await markedIssues(gh, config.labels.alert, "open"))
    .filter((issue) => {
      const marker = parseMarker(issue.body);
      return (
        marker?.kind === "alert" &&
        markerIdentity({ kind: "alert", data: { fingerprint: marker.data.fingerprint ?? "" } }) === identity
      );
    })
    .sort((a, b) => a.number - b.number);
}

/**
 * One alert into the repository's incidents, idempotently: a firing alert with no open incident opens
 * one; a new occurrence or a resolution is recorded on the open incident once; anything already recorded
 * writes nothing. Two deliveries racing past the lookup can each open an issue: both then settle on the
 * oldest, and the newer one is closed as its duplicate (before any responder is asked to look at it).
 */
export async function ingestAlert(
  gh: GitHubContext,
  config: Config,
  alert: Alert,
  routing: AlertRouting,
  now: number,
): Promise<IngestResult> {
  const base = { fingerprint: alert.fingerprint, status: alert.status };
  let [incident] = await openIncidentsFor(gh, config, alert.fingerprint);
  if (!incident) {
    if (alert.status === "resolved") return { ...base, action: "no-open-incident" };
    const planned = alertIncident(alert, routing, config, now);
    await ensureRepoLabels(gh, config, planned.labels);
    const created = await createIssueOnce(gh, {
      ...planned,
      find: async () => (await openIncidentsFor(gh, config, alert.fingerprint))[0],
    });
    const twins = await openIncidentsFor(gh, config, alert.fingerprint);
    const oldest = twins[0];
    if (!oldest || oldest.number === created.number)
      return { ...base, incident: created.number, action: "opened" };
    await retire(gh, config, created.number, oldest.number);
    incident = oldest;
  }
  // An issue whose labels never landed (a failure between the two writes) still becomes the incident.
  const bodyMarker = parseMarker(incident.body);
  if (alert.status === "firing" && bodyMarker?.data.occurrence === alert.occurrence)
    return { ...base, incident: incident.number, action: "unchanged" };
  const body = alertEvidenceComment(alert, config, now);
  const identity = markerIdentity(parseMarker(body)!);
  const wrote = await createCommentOnceAmongRacers(gh, incident.number, identity, body);
  return {
    ...base,
    incident: incident.number,
    action: wrote ? (alert.status === "resolved" ? "resolved" : "evidence") : "unchanged",
  };
}

/** Our twin of an older incident for the same alert: no longer an incident, closed, pointing at the original. */
async function retire(gh: GitHubContext, config: Config, number: number, original: number): Promise<void> {
  await writeLabels(gh, number, [], [config.labels.incident]);
  await createCommentOnce(
    gh,
    number,
    "alert-duplicate",
    `<!-- expedite:alert-duplicate -->\nDuplicate of #${original}: the same alert arrived twice at once, and its evidence is recorded there.`,
  );
  await closeIssue(gh, number, "not_planned");
}
