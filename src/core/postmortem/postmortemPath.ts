import { DateTime } from "luxon";
import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { slugify } from "./slugify.js";

export { slugify } from "./slugify.js";
export { needsPostmortem } from "./needsPostmortem.js";

/**
 * The post-mortem file for an incident, from `postmortem.path` ("docs/postmortems/{date}-{number}-{slug}.md").
 * {date} is the day the problem began in the team's zone, which is the day people will remember it by.
 * Once a post-mortem PR exists its recorded path wins (a later /started or rename must not move the file).
 */
export function postmortemPath(incident: Incident, config: Config): string {
  if (incident.postmortem?.path) return incident.postmortem.path;
  const date = DateTime.fromMillis(incident.startedAt, { zone: config.business_hours.timezone });
  return config.postmortem.path
    .replaceAll("{date}", date.isValid ? date.toFormat("yyyy-MM-dd") : "undated")
    .replaceAll("{number}", String(incident.number))
    .replaceAll("{slug}", slugify(incident.title));
}

/** The branch the post-mortem PR is opened from, from `postmortem.branch` ("expedite/postmortem-{number}"). */
export function postmortemBranch(incident: Incident, config: Config): string {
  return config.postmortem.branch.replaceAll("{number}", String(incident.number));
}
