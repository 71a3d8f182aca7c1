import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";

/**
 * Who is asked to review the post-mortem: the lead and the communicator (`request_roles`), the holders of
 * the reviewer roles (the product owner by default, playbook 003), and the configured reviewers. Handles
 * as configured: "alice", "@alice" or "@org/team".
 */
export function postmortemReviewers(incident: Incident, config: Config): string[] {
  const { postmortem } = config;
  const roles =
    postmortem.reviewer_roles ?? (config.roles.extra.includes("product-owner") ? ["product-owner"] : []);
  return [
    ...(postmortem.request_roles ? [incident.lead, incident.comms] : []),
    ...roles.flatMap((role) => incident.roles[role] ?? []),
    ...postmortem.reviewers,
  ].filter((handle): handle is string => handle !== undefined);
}
