// Which requests went beyond the floor: the reads other than the one read of state (or the list pages of a
// sweep), and the writes that no change of state accounts for.
const R = "/repos/{owner}/{repo}";

/** The request each unit of change needs. */
const UNIT_ROUTES: Record<string, string> = {
  "labels added": `POST ${R}/issues/{issue_number}/labels`,
  "label removed": `DELETE ${R}/issues/{issue_number}/labels/{name}`,
  "assignees added": `POST ${R}/issues/{issue_number}/assignees`,
  "assignees removed": `DELETE ${R}/issues/{issue_number}/assignees`,
  "issue closed": `PATCH ${R}/issues/{issue_number}`,
  "issue reopened": `PATCH ${R}/issues/{issue_number}`,
  "issue edited": `PATCH ${R}/issues/{issue_number}`,
  "issue opened": `POST ${R}/issues`,
  "comment created": `POST ${R}/issues/{issue_number}/comments`,
  "comment edited": `PATCH ${R}/issues/comments/{comment_id}`,
  "comment deleted": `DELETE ${R}/issues/comments/{comment_id}`,
  "reaction added": `POST ${R}/issues/comments/{comment_id}/reactions`,
  "check run created": `POST ${R}/check-runs`,
  "check run changed": `PATCH ${R}/check-runs/{check_run_id}`,
  "branch created": `POST ${R}/git/refs`,
  "file committed": `PUT ${R}/contents/{path}`,
  "pull request opened": `POST ${R}/pulls`,
  "PR labelled": `POST ${R}/issues/{issue_number}/labels`,
  "reviewers requested": `POST ${R}/pulls/{pull_number}/requested_reviewers`,
};

const STATE_READS = [
  `GET ${R}/issues/{issue_number}/timeline`,
  `GET ${R}/pulls/{pull_number}`,
  `GET ${R}/issues/{issue_number}`,
];

const LIST_READS = {
  repos: "GET /installation/repositories",
  issues: `GET ${R}/issues`,
  pulls: `GET ${R}/pulls`,
};

export interface ExcessInput {
  kind: "event" | "sweep";
  byRoute: Record<string, number>;
  floorUnits: Record<string, number>;
  /** For sweeps: list pages the floor allows, by list. */
  listPages?: { repos: number; issues: number; pulls: number };
}

/** Requests by route beyond the floor (positive counts only). */
export function excessByRoute(input: ExcessInput): Record<string, number> {
  const left = { ...input.byRoute };
  const take = (route: string, n: number) => {
    if (left[route] !== undefined) left[route] = left[route] - n;
  };
  if (input.kind === "event") {
    const state = STATE_READS.find((r) => (left[r] ?? 0) > 0);
    if (state) take(state, 1);
  } else if (input.listPages) {
    take(LIST_READS.repos, input.listPages.repos);
    take(LIST_READS.issues, input.listPages.issues);
    take(LIST_READS.pulls, input.listPages.pulls);
  }
  for (const [unit, n] of Object.entries(input.floorUnits)) {
    const route = UNIT_ROUTES[unit];
    if (route) take(route, n);
  }
  // 304s cost no rate limit; they are reported on their own, not as excess.
  return Object.fromEntries(Object.entries(left).filter(([k, n]) => n > 0 && !k.endsWith(" (304)")));
}

export function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}
