import type { Config } from "../config/schema.js";
import { renderTemplate } from "../render/renderTemplate.js";
import type { Incident } from "../types.js";
import { meetingDeadline } from "./meetingDeadline.js";
import { postmortemBranch, postmortemPath } from "./postmortemPath.js";

/** The post-mortem pull request's description: how to use it, and the suggested meeting deadline. */
export function postmortemPullBody(
  template: string,
  incident: Incident,
  config: Config,
  now: number,
): string {
  const meeting = meetingDeadline(incident, config, now);
  return renderTemplate(template, {
    number: incident.number,
    path: postmortemPath(incident, config),
    branch: postmortemBranch(incident, config),
    severity: incident.severity,
    meetingBy: meeting.by,
    meetingWithin: meeting.within,
  });
}
