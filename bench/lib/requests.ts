// Classifies what the simulator recorded into what costs rate limit and what does not.
import type { RecordedRequest } from "@expedite/github-simulator";

/**
 * read / write: count against the installation's 5,000/h (1,000/h for GITHUB_TOKEN);
 * conditional: a 304 answer to If-None-Match, free on GitHub;
 * auth: App-JWT and token requests (the App's own budget, not the installation's);
 * setup: creating (or colouring) the repository's labels, once per repository.
 */
export type RequestKind = "read" | "write" | "conditional" | "auth" | "setup";

export interface RequestSummary {
  reads: number;
  writes: number;
  conditional: number;
  auth: number;
  setup: number;
  /** "METHOD route" → count, for every request that was not auth or setup. */
  byRoute: Record<string, number>;
}

export function kindOf(r: RecordedRequest): RequestKind {
  if (
    r.identity === "" ||
    r.identity.startsWith("app:") ||
    r.route === "/app" ||
    r.route === "/app/installations/{installation_id}/access_tokens"
  )
    return "auth";
  if (r.status === 304) return "conditional";
  if (r.method === "GET" || r.method === "HEAD") return "read";
  if (r.method === "POST" && r.route === "/repos/{owner}/{repo}/labels") return "setup";
  // Giving a label that was created by use (grey, no description) its colour: set-up too.
  if (r.method === "PATCH" && r.route === "/repos/{owner}/{repo}/labels/{name}") return "setup";
  return "write";
}

export function isWrite(r: RecordedRequest): boolean {
  return r.method !== "GET" && r.method !== "HEAD";
}

/** Requests Expedite made (not the people acting in the scenario). */
export function byExpedite(
  requests: readonly RecordedRequest[],
  people: ReadonlySet<string>,
): RecordedRequest[] {
  return requests.filter((r) => !people.has(r.identity));
}

export function summarize(requests: readonly RecordedRequest[]): RequestSummary {
  const summary: RequestSummary = { reads: 0, writes: 0, conditional: 0, auth: 0, setup: 0, byRoute: {} };
  for (const r of requests) {
    const kind = kindOf(r);
    if (kind === "read") summary.reads++;
    else if (kind === "write") summary.writes++;
    else if (kind === "conditional") summary.conditional++;
    else if (kind === "auth") summary.auth++;
    else summary.setup++;
    if (kind === "read" || kind === "write" || kind === "conditional") {
      const outcome =
        kind === "conditional" ? " (304)" : r.status >= 400 || r.status === 0 ? ` → ${r.status}` : "";
      const key = `${r.method} ${r.route || r.path}${outcome}`;
      summary.byRoute[key] = (summary.byRoute[key] ?? 0) + 1;
    }
  }
  return summary;
}

export function addSummaries(a: RequestSummary, b: RequestSummary): RequestSummary {
  const byRoute = { ...a.byRoute };
  for (const [k, v] of Object.entries(b.byRoute)) byRoute[k] = (byRoute[k] ?? 0) + v;
  return {
    reads: a.reads + b.reads,
    writes: a.writes + b.writes,
    conditional: a.conditional + b.conditional,
    auth: a.auth + b.auth,
    setup: a.setup + b.setup,
    byRoute,
  };
}

export function emptySummary(): RequestSummary {
  return { reads: 0, writes: 0, conditional: 0, auth: 0, setup: 0, byRoute: {} };
}

/** The injected latency of a request ("delay 87ms" → 87). */
export function injectedDelay(r: RecordedRequest): number {
  const match = /^delay (\d+)ms$/.exec(r.fault ?? "");
  return match ? Number(match[1]) : 0;
}

/** Short route names for tables: "GET /repos/{owner}/{repo}/issues/{issue_number}" → "GET issues/{n}". */
export function shortRoute(key: string): string {
  return key
    .replace("/repos/{owner}/{repo}/", "")
    .replace("/repos/{owner}/{repo}", "repo")
    .replace("{issue_number}", "{n}")
    .replace("{pull_number}", "{n}")
    .replace("{comment_id}", "{id}");
}
