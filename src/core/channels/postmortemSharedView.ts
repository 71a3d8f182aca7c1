import { neutralizeInline } from "../text/neutralize.js";
import type { Incident } from "../types.js";

/** What the `postmortem-shared` template is given: the merged post-mortem, its incident and follow-ups. */
export function postmortemSharedView(incident: Incident): Record<string, unknown> {
  return {
    title: neutralizeInline(incident.title, 200),
    severity: incident.severity,
    number: incident.number,
    postmortemUrl: encodeURI(incident.postmortem?.url ?? incident.url),
    // The merged document on the default branch (GitHub reads HEAD as the default branch).
    documentUrl: encodeURI(
      incident.postmortem
        ? `${incident.url.replace(/\/issues\/\d+$/, "")}/blob/HEAD/${incident.postmortem.path}`
        : incident.url,
    ),
    url: encodeURI(incident.url),
    followups: incident.followups.map((f) => ({
      number: f.number,
      title: neutralizeInline(f.title, 160),
      url: encodeURI(f.url),
    })),
    hasFollowups: incident.followups.length > 0,
  };
}
