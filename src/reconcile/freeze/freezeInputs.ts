import type { Config, Severity } from "../../core/config/schema.js";
import type { Incident } from "../../core/types.js";
import type { FreezeIssue } from "../../core/freeze/types.js";
import { parseFreezeIssue } from "../../core/freeze/freezeIssue.js";
import { labelNames, readLabels } from "../../core/projection/labelNames.js";
import { freezeReading } from "../../core/freeze/freezeReading.js";
import { emptyIncident } from "../../core/emptyIncident.js";
import type { GitHubContext } from "../../github/types.js";
import { repoInfo } from "../../github/repoInfo.js";
import { listIssues } from "../../github/issues.js";
import type { IssueLike } from "../../github/readIssue.js";

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
  const names = labelNames(config);
  const freezeIssues = freezeIssuesAmong(
    gh,
    await listIssues(gh, { labels: config.labels.freeze, state: "open" }),
  );
  const open: readonly IssueLike[] =
    openIncidents ?? (await listIssues(gh, { labels: config.labels.incident, state: "open" }));
  const incidents: Incident[] = [];
  for (const issue of open) {
    if (issue.pull_request) continue;
    const labels = issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
    const read = readLabels(labels, names);
    const reading = freezeReading(labels, config);
    const state = reading.state ?? "declared";
    const severity = reading.severity ?? (config.severity.default as Severity);
    const at = Date.parse(issue.created_at);
    incidents.push(
      emptyIncident({
        number: issue.number,
        title: issue.title,
        url: issue.html_url,
        declaredAt: at,
        state,
        severity,
        severitySet: true,
        revenue: read.revenue,
      }),
    );
  }
  return { defaultBranch, htmlUrl, freezeIssues, incidents };
}

/**
 * The manual freezes among listed `code-freeze` issues: the bot's own freeze issues only. An open one whose
 * hidden details were edited still freezes (until it is closed): failing safe beats letting a tampered marker
 * lift a freeze. A closed one with edited details is left out.
 */
export function freezeIssuesAmong(gh: GitHubContext, issues: readonly IssueLike[]): FreezeIssue[] {
  const found: FreezeIssue[] = [];
  for (const issue of issues) {
    const author = issue.user?.login ?? "";
    if (issue.pull_request || !gh.trustedBots.has(author.toLowerCase())) continue;
    if (!(issue.body ?? "").startsWith("<!-- expedite:freeze ")) continue;
    const raw = {
      number: issue.number,
      html_url: issue.html_url,
      body: issue.body ?? null,
      user: author,
      created_at: issue.created_at,
      closed_at: issue.closed_at ?? null,
      state: issue.state,
    };
    const parsed = parseFreezeIssue(raw, [...gh.trustedBots]);
    if (parsed) found.push(parsed);
    else if (issue.state === "open")
      found.push({
        number: issue.number,
        url: issue.html_url,
        reason: "the freeze details of this issue were edited; frozen until it is closed",
        branches: [],
        openedBy: author,
        openedAt: Date.parse(issue.created_at),
      });
  }
  return found;
}
