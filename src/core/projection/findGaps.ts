import type { Config } from "../config/schema.js";
import type { Gap, Incident } from "../types.js";

/** States the journal does not back up. Shown on the board and checklist; flagged once by reply. */
export function findGaps(incident: Incident, config: Config): Gap[] {
  const gaps: Gap[] = [];
  const resolved = incident.state === "resolved" || incident.state === "postmortem";
  if (resolved && incident.resolution === undefined) {
    gaps.push({
      kind: "resolved-without-resolution",
      since: incident.resolvedAt ?? incident.declaredAt,
      message:
        "Resolved, but no resolution is journaled. Type `/resolve <what was wrong and what fixed it>`.",
    });
  }
  if (incident.state === "mitigated" && incident.workaround === undefined) {
    gaps.push({
      kind: "mitigated-without-workaround",
      since: incident.mitigatedAt ?? incident.declaredAt,
      message: "Mitigated, but the workaround is not journaled. Type `/mitigate <what is in place>`.",
    });
  }
  if (incident.state !== "cancelled" && incident.state !== "declared" && incident.lead === undefined) {
    gaps.push({
      kind: "no-lead",
      since: incident.acknowledgedAt ?? incident.declaredAt,
      message: "Nobody leads. Type `/lead @someone`.",
    });
  }
  if (!config.roles.allow_lead_as_comms && incident.lead !== undefined && incident.lead === incident.comms) {
    gaps.push({
      kind: "comms-is-lead",
      since: incident.declaredAt,
      message: "The lead is also the communicator; pick someone independent with `/comms @someone`.",
    });
  }
  if (incident.postmortem?.state === "closed") {
    gaps.push({
      kind: "postmortem-closed-unmerged",
      since: incident.postmortem.openedAt,
      message: `The post-mortem pull request #${incident.postmortem.number} was closed without merging. Reopen it to finish the review; the incident stays open until it merges.`,
    });
  }
  if (!incident.open && !resolved && incident.state !== "cancelled") {
    gaps.push({
      kind: "closed-unresolved",
      since: incident.closedAt ?? incident.declaredAt,
      message:
        "This issue was closed before a resolution was journaled (merging a pull request that says “Fixes #N” closes it automatically; “Refs #N” does not). Reopen it if the incident is still going on, or record how it ended with `/resolve <what was wrong and what fixed it>`.",
    });
  }
  const hold = incident.freezeHold;
  if (hold) {
    gaps.push({
      kind: "freeze-held",
      since: hold.at,
      // Logins in code spans: the board names them without pinging anyone.
      message: `Merges stay frozen: \`${hold.by}\` ${hold.change}, which would have lifted this incident's code freeze, but lifting it takes the **${hold.needed}** role and they have **${hold.role}**. Nothing was reverted. Someone with that role lifts it by making the change themselves, by command (\`/resolve …\`, \`/cancel …\`, \`/sev …\`), or by taking the \`${config.labels.freeze_held}\` label off.`,
    });
  }
  if (incident.postmortemError !== undefined) {
    gaps.push({
      kind: "postmortem-failed",
      since: incident.resolvedAt ?? incident.declaredAt,
      message: incident.postmortemError,
    });
  }
  return gaps;
}
