import Mustache from "mustache";
import { renderMarker } from "../markers.js";
import { neutralizeBlock, neutralizeInline } from "../text/neutralize.js";
import { followupTitle } from "./followupTitle.js";
import type { Incident } from "../types.js";
import { decodeEntities, followupKey } from "./followupKey.js";
import { safeUrl } from "./safeUrl.js";
import { stripIncidentPrefix } from "./slugify.js";

export { followupKey } from "./followupKey.js";

/** Where the bundled template lives; a repository may replace it with its own of the same name. */
export const DEFAULT_FOLLOWUP_TEMPLATE = "templates/followup-issue.md.mustache";

export interface FollowupContext {
  incident: Incident;
  postmortemUrl: string;
  postmortemPr: number;
}

/**
 * The issue for one unchecked action item. The body starts with
 * `<!-- expedite:followup incident=<n> item=<key> -->` whatever the template says, because the caller finds
 * existing follow-ups by that marker and a repository's own template must not make it create duplicates.
 */
export function renderFollowupIssue(
  template: string,
  item: { text: string },
  ctx: FollowupContext,
): { title: string; body: string } {
  const { incident } = ctx;
  const marker = renderMarker("followup", { incident: incident.number, item: followupKey(item.text) });
  // The item was read from markdown we (and then people) wrote, so it may already carry our escaping:
  // decode first so neutralising again does not show "&amp;lt;".
  const plain = decodeEntities(item.text).replace(/\s+/g, " ").trim();
  const view = {
    marker,
    number: incident.number,
    incidentTitle: neutralizeInline(stripIncidentPrefix(incident.title), 200),
    incidentUrl: safeUrl(incident.url) ?? "",
    postmortemPr: ctx.postmortemPr,
    postmortemUrl: safeUrl(ctx.postmortemUrl) ?? "",
    itemInline: neutralizeInline(plain, 1000),
    itemQuote: neutralizeBlock(plain, 4000),
  };
  const rendered = Mustache.render(template, view).trim();
  const withoutMarker = rendered.split(marker).join("").trim();
  return {
    title: followupTitle(plain || "Follow-up action", incident.number),
    body: `${marker}\n${withoutMarker}\n`,
  };
}
