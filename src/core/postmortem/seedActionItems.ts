import { formatDuration } from "../time/formatTime.js";
import { neutralizeInline } from "../text/neutralize.js";
import type { Incident } from "../types.js";
import { followupKey } from "./followupKey.js";

// Starting points for the action-item checklist, derived from what the incident record shows. Each is one
// markdown line (it must survive parseActionItems unchanged) with user text already neutralised. People
// edit, tick or delete them in review; whatever stays unticked becomes a follow-up issue.

const SLOW_DETECTION_MS = 15 * 60_000;

export interface SeedContext {
  ackDeadline?: { dueAt: number; met: boolean };
}

export function seedActionItems(incident: Incident, ctx: SeedContext): string[] {
  const items: string[] = [];
  // Typographic quotes, so a title that has its own straight quotes still reads clearly.
  const quote = (text: string) => `“${neutralizeInline(text, 200)}”`;

  for (const deviation of incident.deviations) {
    items.push(`Pay back the shortcut taken: ${quote(deviation.text)}`);
  }
  for (const pr of incident.pullRequests) {
    if (pr.revert) {
      items.push(
        `Investigate what the revert in #${pr.number} (${quote(pr.title)}) undid and why it broke, and add a check that would have caught it`,
      );
    } else if (pr.state === "open") {
      items.push(`Land or close #${pr.number} (${quote(pr.title)}), still open when this was written`);
    }
  }
  const excepted = new Set(incident.freezeExceptions.filter((e) => e.granted).map((e) => e.pullRequest));
  for (const pr of excepted) {
    items.push(`Give #${pr}, merged under a freeze exception, the full review it skipped`);
  }

  if (ctx.ackDeadline && !ctx.ackDeadline.met) {
    const late =
      incident.acknowledgedAt !== undefined && incident.acknowledgedAt > ctx.ackDeadline.dueAt
        ? `the acknowledgement came ${formatDuration(incident.acknowledgedAt - ctx.ackDeadline.dueAt)} after the deadline`
        : "the incident was not acknowledged in time";
    items.push(`Review on-call alerting and the rota: ${late}`);
  } else if (!ctx.ackDeadline && incident.notices.some((n) => n.kind === "ack-breach")) {
    items.push("Review on-call alerting and the rota: the acknowledgement deadline was missed");
  }
  if (incident.declaredAt - incident.startedAt >= SLOW_DETECTION_MS) {
    items.push(
      `Find out why it took ${formatDuration(incident.declaredAt - incident.startedAt)} to notice the problem, and alert on it sooner`,
    );
  }
  if (incident.updates.length === 0) {
    items.push("Agree how and when status updates go out: none were recorded during this incident");
  }
  for (const gap of incident.gaps) {
    switch (gap.kind) {
      case "resolved-without-resolution":
        items.push("Write down what actually resolved the incident: no resolution was journaled");
        break;
      case "mitigated-without-workaround":
        items.push("Write down the workaround that was used: none was journaled");
        break;
      case "no-lead":
        items.push("Make sure someone takes the lead early: this incident ran without one for a while");
        break;
      case "comms-is-lead":
        items.push("Find a communicator independent of the lead for next time: one person did both");
        break;
    }
  }

  // The same text twice would map to the same follow-up issue anyway; show it once.
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = followupKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
