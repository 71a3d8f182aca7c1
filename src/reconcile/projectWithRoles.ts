import type { Config } from "../core/config/schema.js";
import type { Permission, IssueSnapshot, TimelineEvent } from "../core/snapshot.js";
import { projectIncident } from "../core/projection/projectIncident.js";
import type { Projection } from "../core/projection/projectIncident.js";
import type { IncidentFindings } from "../core/projection/incidentFindings.js";
import type { BotComment } from "../core/plan/botComments.js";
import { latestByIdentity } from "../core/plan/botComments.js";
import { readLedger } from "../core/plan/commandLedger.js";
import { rolesToLookUp } from "../core/plan/rolesToLookUp.js";
import { commandComments } from "../core/projection/commandComments.js";
import type { GitHubContext } from "../github/types.js";
import { permissionOf } from "../github/permissionOf.js";

export interface ProjectionInput {
  config: Config;
  issue: IssueSnapshot;
  events: readonly TimelineEvent[];
  botComments: readonly BotComment[];
  now: number;
  /** Roles read so far in this run, by lower-case login; the look-ups made here are added. */
  permissions: Map<string, Permission>;
  findings?: IncidentFindings;
}

/**
 * The incident projected with the roles its judgements need. Every command is judged afresh on every
 * reconcile, from its text now and its author's role now. The board remembers roles it read, so only the
 * people behind new or edited commands need a look-up (cached per reconcile and per sweep); the author of a
 * hand change that lifted the freeze is read only when one happened, and the projection is then redone.
 */
export async function projectWithRoles(gh: GitHubContext, input: ProjectionInput): Promise<Projection> {
  const { config, issue, events, botComments, now, permissions, findings } = input;
  const ledger = readLedger(latestByIdentity(botComments).get("board"));
  const { known, lookUp } = rolesToLookUp(commandComments(events, gh.trustedBots, config), ledger, config);
  const fetched = new Map<string, Permission>();
  for (const login of lookUp) fetched.set(login, await permissionOf(gh, login, permissions));
  const project = () =>
    projectIncident(issue, events, config, {
      trustedBots: gh.trustedBots,
      permissions: new Map([...known, ...fetched]),
      fetched,
      ledger,
      now,
      ...(findings ? { findings } : {}),
    });
  const first = project();
  if (first.rolesMissing.length === 0) return first;
  for (const login of first.rolesMissing) fetched.set(login, await permissionOf(gh, login, permissions));
  return project();
}
