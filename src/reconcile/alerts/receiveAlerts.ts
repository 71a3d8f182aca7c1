import { parseAlerts } from "../../core/alerts/parseAlerts.js";
import { routeAlert } from "../../core/alerts/routeAlert.js";
import type { AlertRouting } from "../../core/alerts/routeAlert.js";
import type { Alert, AlertSource } from "../../core/alerts/types.js";
import type { Config } from "../../core/config/schema.js";
import type { GitHubContext } from "../../github/types.js";
import { ingestAlert } from "./ingestAlert.js";
import type { IngestResult } from "./ingestAlert.js";

export interface AlertReceipt {
  /** HTTP-style: 200 recorded, 202 nothing to record, 400 unreadable, 422 cannot be routed. */
  status: 200 | 202 | 400 | 422;
  message: string;
  results: Array<IngestResult & { repository: string }>;
}

/** A repository alerts can be routed to, ready to write: or why it cannot take them. */
export type RepoResolution = { ok: true; gh: GitHubContext; config: Config } | { ok: false; reason: string };

/**
 * One delivery from an alert source, checked whole before anything is written: it must parse, and every
 * alert in it must route to a repository Expedite can write to with a valid configuration. Only then are
 * the alerts ingested, each under `serialize` (one at a time per alert, so bursts and duplicates of the
 * same alert queue up behind each other instead of racing).
 */
export async function receiveAlerts(input: {
  source: AlertSource;
  body: unknown;
  resource?: string;
  /** The configuration that routes alerts (the home repository's). */
  routing: Config;
  home: string;
  resolve: (repository: string) => Promise<RepoResolution>;
  serialize: <T>(key: string, job: () => Promise<T>) => Promise<T>;
  now: number;
}): Promise<AlertReceipt> {
  const parsed = parseAlerts(input.source, input.body, input.resource);
  if (!parsed.ok) return { status: 400, message: parsed.error, results: [] };
  if (parsed.alerts.length === 0)
    return { status: 202, message: parsed.ignored ?? "no alerts in the payload", results: [] };

  const routed: Array<{ alert: Alert; routing: AlertRouting; repository: string }> = parsed.alerts.map(
    (alert) => {
      const routing = routeAlert(alert, input.routing);
      return { alert, routing, repository: (routing.repository ?? input.home).toLowerCase() };
    },
  );
  const targets = new Map<string, { gh: GitHubContext; config: Config }>();
  for (const repository of new Set(routed.map((r) => r.repository))) {
    const resolved = await input.resolve(repository);
    if (!resolved.ok)
      return {
        status: 422,
        message: `cannot route to ${repository}: ${resolved.reason}; nothing was recorded`,
        results: [],
      };
    targets.set(repository, resolved);
  }

  const results: AlertReceipt["results"] = [];
  for (const { alert, routing, repository } of routed) {
    const { gh, config } = targets.get(repository)!;
    const result = await input.serialize(`${repository}:${alert.fingerprint}`, () =>
      ingestAlert(gh, config, alert, routing, input.now),
    );
    results.push({ ...result, repository });
  }
  const opened = results.filter((r) => r.action === "opened").length;
  return {
    status: 200,
    message: `${results.length} alert(s) received${opened > 0 ? `, ${opened} incident(s) opened` : ""}`,
    results,
  };
}

/** A per-key chain: jobs for one key run one after another, in arrival order; others run freely. */
export function keyedSerializer(): <T>(key: string, job: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, job: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(job, job);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
