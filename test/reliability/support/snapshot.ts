import { FULL } from "../../harness/index.js";
import type { World } from "../../harness/index.js";
import type { SimComment } from "@expedite/github-simulator";

/** Logical names for what people created, so two runs can be compared whatever numbers GitHub gave out. */
export interface Names {
  incidents: number[];
  pulls: number[];
  /** Person comment id → "C<k>" in script order. */
  comments: Map<number, string>;
}

export interface IssueState {
  name: string;
  state: string;
  labels: string[];
  assignees: string[];
  board: string;
  checklist: string;
  /** Marker identity of every bot comment, sorted (a duplicate would show twice). */
  botComments: string[];
  /** Bot 👍 reactions per person comment. */
  reactions: Record<string, number>;
}

export interface PullState {
  name: string;
  state: string;
  merged: boolean;
  labels: string[];
  reviewers: string[];
  /** The freeze check on the current head: conclusion and title (open pull requests only). */
  check: string;
  botComments: string[];
}

export interface Snapshot {
  issues: IssueState[];
  pulls: PullState[];
  followups: string[];
  counts: { pullRequests: number; followups: number; issues: number; botIssues: number };
}

const CHECK = "expedite/freeze";

/** The final state of the repository, with numbers, ids and SHAs replaced by logical names. */
export async function snapshotOf(world: World, names: Names): Promise<Snapshot> {
  const all = world.sim.issues(FULL);
  const logical = new Map<number, string>();
  names.incidents.forEach((n, k) => logical.set(n, `I${k}`));
  names.pulls.forEach((n, k) => logical.set(n, `P${k}`));
  for (const issue of all) {
    if (logical.has(issue.number)) continue;
    const pull = issue.pull_request ? world.sim.pull(FULL, issue.number) : undefined;
    const pm = /^expedite\/postmortem-(\d+)$/.exec(pull?.head.ref ?? "");
    if (pm) logical.set(issue.number, `PM(${logical.get(Number(pm[1])) ?? pm[1]})`);
  }
  for (const issue of all) {
    if (logical.has(issue.number)) continue;
    const followup = /\(incident #(\d+)\)$/.exec(issue.title);
    logical.set(
      issue.number,
      followup
        ? `FU(${logical.get(Number(followup[1]))}:${issue.title.replace(/ \(incident #\d+\)$/, "")})`
        : `X${issue.number}`,
    );
  }
  const shas = new Map<string, string>();
  for (const issue of all) {
    const pull = issue.pull_request ? world.sim.pull(FULL, issue.number) : undefined;
    if (pull) shas.set(pull.head.sha, `SHA(${logical.get(issue.number)})`);
  }
  const normalize = (text: string) => normalizeText(text, logical, names.comments, shas);

  const issues: IssueState[] = [];
  for (const number of names.incidents) {
    const issue = world.sim.issue(FULL, number)!;
    const comments = world.sim.comments(FULL, number);
    const bot = comments.filter((c) => c.user === world.bot);
    const reactions: Record<string, number> = {};
    for (const c of comments) {
      const name = names.comments.get(c.id);
      if (name)
        reactions[name] = c.reactions.filter((r) => r.user === world.bot && r.content === "+1").length;
    }
    issues.push({
      name: logical.get(number)!,
      state: `${issue.state}${issue.state_reason ? `:${issue.state_reason}` : ""}`,
      labels: [...issue.labels].sort(),
      assignees: [...issue.assignees].sort(),
      board: normalize(bot.find((c) => c.body.startsWith("<!-- expedite:board"))?.body ?? "(no board)"),
      checklist: normalize(bot.find((c) => c.body.startsWith("<!-- expedite:checklist"))?.body ?? "(none)"),
      botComments: bot.map((c) => normalize(identityOf(c.body))).sort(),
      reactions,
    });
  }

  const pulls: PullState[] = [];
  for (const issue of all.filter((i) => i.pull_request)) {
    const pull = world.sim.pull(FULL, issue.number)!;
    const runs = world.sim
      .checkRuns(FULL, pull.head.sha)
      .filter((r) => r.name === CHECK)
      .sort((a, b) => a.id - b.id);
    const latest = runs.at(-1);
    pulls.push({
      name: logical.get(issue.number)!,
      state: pull.state,
      merged: pull.merged,
      labels: [...pull.labels].sort(),
      reviewers: [...pull.requested_reviewers, ...pull.requested_teams.map((t) => `team:${t}`)].sort(),
      check:
        pull.state === "open"
          ? latest
            ? normalize(`${latest.conclusion} — ${latest.output.title ?? ""}`)
            : "(no check)"
          : "(closed)",
      botComments: world.sim
        .comments(FULL, issue.number)
        .filter((c) => c.user === world.bot)
        .map((c) => normalize(identityOf(c.body)))
        .sort(),
    });
  }
  pulls.sort((a, b) => a.name.localeCompare(b.name));
  issues.sort((a, b) => a.name.localeCompare(b.name));

  const followups = all
    .filter((i) => i.labels.includes("incident-followup"))
    .map((i) => `${logical.get(i.number)} ${i.state}`)
    .sort();
  return {
    issues,
    pulls,
    followups,
    counts: {
      pullRequests: all.filter((i) => i.pull_request).length,
      followups: followups.length,
      issues: all.filter((i) => !i.pull_request).length,
      botIssues: all.filter((i) => !i.pull_request && i.user === world.bot).length,
    },
  };
}

function normalizeText(
  text: string,
  logical: Map<number, string>,
  comments: Map<number, string>,
  shas: Map<string, string>,
): string {
  const issue = (n: string) => logical.get(Number(n)) ?? `?${n}`;
  return text
    .replace(/\b[0-9a-f]{40}\b/g, (sha) => shas.get(sha) ?? "SHA(?)")
    .replace(/`([0-9a-f]{7})`/g, (whole, short: string) => {
      for (const [sha, name] of shas) if (sha.startsWith(short)) return `\`${name}\``;
      return whole;
    })
    .replace(/issuecomment-(\d+)/g, (_, id: string) => `issuecomment-${comments.get(Number(id)) ?? "bot"}`)
    .replace(/comment=(\d+)/g, (_, id: string) => `comment=${comments.get(Number(id)) ?? "bot"}`)
    .replace(/\/(issues|pull)\/(\d+)/g, (_, kind: string, n: string) => `/${kind}/${issue(n)}`)
    .replace(/(incident|pr)=(\d+)/g, (_, key: string, n: string) => `${key}=${issue(n)}`)
    .replace(/postmortem-(\d+)/g, (_, n: string) => `postmortem-${issue(n)}`)
    .replace(/-(\d+)-([a-z0-9-]+)\.md/g, (_, n: string, slug: string) => `-${issue(n)}-${slug}.md`)
    .replace(/#(\d+)\b/g, (_, n: string) => `#${issue(n)}`);
}

/**
 * What makes a bot comment unique, judged independently of the product's own code: singletons by kind,
 * answers by the comment and line they answer, notices by type and the steps they cover, anything else
 * by its whole marker line (or its whole text when it carries no marker at all).
 */
export function identityOf(body: string): string {
  const first = body.split("\n")[0] ?? "";
  const marker = /^<!-- expedite:([a-z][a-z0-9-]*)((?: [a-z][a-z0-9-]*=[^\s<>]*)*) -->/.exec(first);
  if (!marker) return `unmarked:${body}`;
  const kind = marker[1]!;
  const data = new Map(
    (marker[2] ?? "")
      .trim()
      .split(" ")
      .filter((p) => p.includes("="))
      .map((p) => [p.slice(0, p.indexOf("=")), decodeURIComponent(p.slice(p.indexOf("=") + 1))] as const),
  );
  switch (kind) {
    case "board":
    case "checklist":
    case "summary":
    case "config-error":
      return kind;
    case "reply":
    case "exception":
    case "freeze-reply":
      return `${kind}:comment=${data.get("comment")}:line=${data.get("line")}`;
    case "exception-audit":
      return `${kind}:comment=${data.get("comment")}:line=${data.get("line")}:pr=${data.get("pr")}`;
    case "notice":
      return `notice:${data.get("type")}:${data.get("keys") ?? ""}`;
    default:
      return first;
  }
}

/**
 * Everything that exists twice where it should exist once: bot comments per marker identity on every
 * issue and pull request, state and severity labels, freeze check runs per commit, post-mortem pull
 * requests per incident, follow-up issues per action item, pull requests per head branch.
 */
export function duplicatesIn(world: World): string[] {
  const found: string[] = [];
  const all = world.sim.issues(FULL);
  const count = <T>(items: T[], key: (item: T) => string, what: string) => {
    const seen = new Map<string, number>();
    for (const item of items) seen.set(key(item), (seen.get(key(item)) ?? 0) + 1);
    for (const [k, n] of seen) if (n > 1) found.push(`${what}: ${k} ×${n}`);
  };
  for (const issue of all) {
    const bot: SimComment[] = world.sim.comments(FULL, issue.number).filter((c) => c.user === world.bot);
    count(bot, (c) => identityOf(c.body), `#${issue.number} bot comment`);
    const states = issue.labels.filter((l) => /^incident:/.test(l));
    const severities = issue.labels.filter((l) => /^sev:/.test(l));
    if (!issue.pull_request && issue.labels.includes("incident") && issue.state === "open") {
      if (states.length !== 1) found.push(`#${issue.number} state labels: ${states.join(", ") || "none"}`);
      if (severities.length !== 1)
        found.push(`#${issue.number} severity labels: ${severities.join(", ") || "none"}`);
    } else if (states.length > 1 || severities.length > 1) {
      found.push(`#${issue.number} labels: ${issue.labels.join(", ")}`);
    }
    for (const c of world.sim.comments(FULL, issue.number)) {
      const mine = c.reactions.filter((r) => r.user === world.bot && r.content === "+1");
      if (mine.length > 1) found.push(`#${issue.number} comment ${c.id}: ${mine.length} bot 👍`);
    }
  }
  const pulls = all.filter((i) => i.pull_request).map((i) => world.sim.pull(FULL, i.number)!);
  count(
    pulls.filter((p) => p.head.ref.startsWith("expedite/postmortem-")),
    (p) => p.head.ref,
    "post-mortem pull request",
  );
  count(
    pulls.filter((p) => p.state === "open"),
    (p) => p.head.ref,
    "open pull request for branch",
  );
  const shas = new Set(pulls.map((p) => p.head.sha));
  for (const sha of shas) {
    count(
      world.sim.checkRuns(FULL, sha).filter((r) => r.app_id !== undefined),
      (r) => `${sha.slice(0, 7)} ${r.name} (app ${r.app_id})`,
      "check run",
    );
  }
  count(
    all.filter((i) => i.labels.includes("incident-followup")),
    (i) => i.title,
    "follow-up issue",
  );
  count(
    all.filter((i) => i.labels.includes("code-freeze")),
    (i) => i.title,
    "freeze issue",
  );
  return found;
}
