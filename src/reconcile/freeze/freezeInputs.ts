import type { Config, Severity } from "../../core/config/schema.js";
import type { Incident } from "../../core/types.js";
import type { FreezeIssue } from "../../core/freeze/types.js";
import { isBotFreezeIssue, parseFreezeIssue } from "../../core/freeze/freezeIssue.js";
import { labelNames, readLabels } from "../../core/projection/labelNames.js";
import { freezeReading } from "../../core/freeze/freezeReading.js";
import { emptyIncident } from "../../core/emptyIncident.js";
import type { GitHubContext } from "../../github/types.js";
import { repoInfo } from "../../github/repoInfo.js";
import { listIssues } from "../../github/issues.js";
import type { IssueLike } from "../../github/readIssue.js";
import { toIssueSnapshot } from "../../github/readIssue.js";
import type { IssueSnapshot } from "../../core/snapshot.js";

export interface FreezeInputs {
  defaultBranch: string;
  htmlUrl: string;
  freezeIssues: FreezeIssue[];
  /** Open incidents as their labels state them (labels are the incident's state). */
  incidents: Incident[];
}

/**
 * What every freeze verdict in a repository depends on, read once per reconcile or sweep. `openIncidents`
 * is a listing of open incident issues the caller already made (the sweep), saving that read.
 */
export async function freezeInputs(
  gh: GitHubContext,
  config: Config,
  openIncidents?: readonly IssueLike[],
): Promise<FreezeInputs> {
  const { defaultBranch, htmlUrl } = await repoInfo(gh);
  // Freeze issues: those opened by /freeze, and the hold records that keep a freeze lifted by hand in force.
  const frozen = await listIssues(gh, { labels: config.labels.freeze, state: "open" });
  const freezeIssues = frozen
    .filter((issue) => isFreezeIssue(toIssueSnapshot(issue), gh.trustedBots))
    .map((issue) => toFreezeIssue(issue, gh.trustedBots));
  const open: readonly IssueLike[] =
    openIncidents ?? (await listIssues(gh, { labels: config.labels.incident, state: "open" }));
  const incidents = open.filter((issue) => !issue.pull_request).map((issue) => labelIncident(issue, config));
  return { defaultBranch, htmlUrl, freezeIssues, incidents };
}

/**
 * An issue Expedite opened for `/freeze`, or to hold a freeze (its marker), whatever its labels say now.
 * Takes the issue as a snapshot; a listing's issues go through toIssueSnapshot.
 */
export function isFreezeIssue(issue: IssueSnapshot, trustedBots: ReadonlySet<string>): boolean {
  return !issue.isPullRequest && isBotFreezeIssue(issue.author, issue.body, trustedBots);
}

export function toFreezeIssue(issue: IssueLike, trustedBots: ReadonlySet<string>): FreezeIssue {
  const author = issue.user?.login ?? "";
  const parsed = parseFreezeIssue(
    {
      number: issue.number,
      html_url: issue.html_url,
      body: issue.body ?? null,
      user: author,
      created_at: issue.created_at,
      closed_at: issue.closed_at,
      state: issue.state,
    },
    [...trustedBots],
  );
  // A freeze issue whose hidden details were edited still freezes (until it is closed): failing safe
  // beats letting a tampered marker lift a freeze.
  return (
    parsed ?? {
      number: issue.number,
      url: issue.html_url,
      reason: "the freeze details of this issue were edited; frozen until it is closed",
      branches: [],
      openedBy: author,
      openedAt: Date.parse(issue.created_at),
    }
  );
}

/** An incident as its labels state it (labels are the incident's state). */
function labelIncident(issue: IssueLike, config: Config): Incident {
  const labels = issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
  const reading = freezeReading(labels, config);
  return emptyIncident({
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    declaredAt: Date.parse(issue.created_at),
    open: issue.state === "open",
    state: reading.state ?? "declared",
    severity: reading.severity ?? (config.severity.default as Severity),
    severitySet: true,
    revenue: readLabels(labels, labelNames(config)).revenue,
  });
}
