import Mustache from "mustache";
import { renderMarker } from "../markers.js";
import { displayName } from "../render/displayName.js";
import { neutralizeBlock, neutralizeInline } from "../text/neutralize.js";
import { followupTitle } from "./followupTitle.js";
import type { Incident, JournalEntry } from "../types.js";
import { followupKey } from "./followupKey.js";
import { needsPostmortem } from "./needsPostmortem.js";
import { safeUrl } from "./safeUrl.js";
import { stripIncidentPrefix } from "./slugify.js";
import type { Config } from "../config/schema.js";

/**
 * Whether the incident's `/deviation` shortcuts become follow-up issues now: at close, for severities with
 * no post-mortem (a post-mortem carries them as action items instead, which become issues when it merges).
 */
export function deviationsDue(incident: Incident, config: Config): boolean {
  return (
    incident.deviations.length > 0 &&
    incident.state === "resolved" &&
    incident.resolution !== undefined &&
    !needsPostmortem(incident, config)
  );
}

/**
 * The follow-up issue for one shortcut. Its marker has the same shape as a post-mortem action item's
 * (`followup incident=<n> item=<key of the text>`), so the same shortcut never opens two issues.
 */
export function renderDeviationFollowup(
  template: string,
  deviation: JournalEntry,
  incident: Incident,
): { title: string; body: string } {
  const plain = deviation.text.replace(/\s+/g, " ").trim();
  const marker = renderMarker("followup", { incident: incident.number, item: followupKey(plain) });
  const rendered = Mustache.render(template, {
    marker,
    number: incident.number,
    incidentTitle: neutralizeInline(stripIncidentPrefix(incident.title), 200),
    incidentUrl: safeUrl(incident.url) ?? "",
    by: displayName(deviation.by) ?? "someone",
    itemQuote: neutralizeBlock(plain, 4000),
  }).trim();
  return {
    title: followupTitle(plain || "Shortcut to pay back", incident.number, "Pay back: "),
    body: `${marker}\n${rendered.split(marker).join("").trim()}\n`,
  };
}
