// The floor of an event's writes, measured from GitHub's state rather than from Expedite's requests: one
// write per object that ended up different (a label added, a comment created or edited, a reaction, a
// check run created or changed, …). Anything Expedite writes beyond that is excess.
import type { Simulator } from "@expedite/github-simulator";

interface IssueState {
  labels: string[];
  assignees: string[];
  state: string;
  title: string;
  body: string;
  user: string;
  isPull: boolean;
  reviewers: string[];
  headRef?: string;
}

interface CommentState {
  body: string;
  user: string;
  reactionsBy: string[];
}

interface CheckState {
  conclusion: string | null;
  title: string | null;
  summary: string | null;
}

export interface RepoState {
  issues: Map<number, IssueState>;
  comments: Map<number, CommentState>;
  /** Latest run per "sha|name". */
  checks: Map<string, CheckState>;
}

export function snapshot(sim: Simulator, repo: string): RepoState {
  const issues = new Map<number, IssueState>();
  const comments = new Map<number, CommentState>();
  const checks = new Map<string, CheckState>();
  const shas = new Set<string>();
  for (const issue of sim.issues(repo)) {
    const pull = issue.pull_request ? sim.pull(repo, issue.number) : undefined;
    issues.set(issue.number, {
      labels: [...issue.labels],
      assignees: [...issue.assignees],
      state: issue.state,
      title: issue.title,
      body: issue.body ?? "",
      user: issue.user,
      isPull: pull !== undefined,
      reviewers: pull ? [...pull.requested_reviewers, ...pull.requested_teams.map((t) => `team:${t}`)] : [],
      ...(pull ? { headRef: pull.head.ref } : {}),
    });
    if (pull) shas.add(pull.head.sha);
    for (const c of sim.comments(repo, issue.number)) {
      comments.set(c.id, {
        body: c.body,
        user: c.user,
        reactionsBy: c.reactions.map((r) => `${r.user}:${r.content}`),
      });
    }
  }
  for (const sha of shas) {
    for (const run of sim.checkRuns(repo, sha)) {
      checks.set(`${sha}|${run.name}`, {
        conclusion: run.conclusion,
        title: run.output.title,
        summary: run.output.summary,
      });
    }
  }
  return { issues, comments, checks };
}

export interface WriteFloor {
  total: number;
  /** What changed, e.g. { "comment edited": 2, "label added": 1 }. */
  units: Record<string, number>;
}

/** The writes needed to turn `before` into `after`, counting only what the bot did. */
export function writeFloor(before: RepoState, after: RepoState, bot: string): WriteFloor {
  const units: Record<string, number> = {};
  const add = (unit: string, n = 1) => {
    if (n > 0) units[unit] = (units[unit] ?? 0) + n;
  };
  for (const [number, now] of after.issues) {
    const was = before.issues.get(number);
    if (!was) {
      if (now.user !== bot) continue;
      if (now.isPull) {
        // A post-mortem PR: its branch, the file commit, the PR, its labels, its reviewers.
        add("branch created");
        add("file committed");
        add("pull request opened");
        if (now.labels.length > 0) add("PR labelled");
        if (now.reviewers.length > 0) add("reviewers requested");
      } else {
        add("issue opened");
      }
      if (now.state === "closed") add("issue closed");
      continue;
    }
    const added = now.labels.filter((l) => !was.labels.includes(l));
    const removed = was.labels.filter((l) => !now.labels.includes(l));
    if (added.length > 0) add("labels added");
    add("label removed", removed.length);
    if (now.assignees.some((a) => !was.assignees.includes(a))) add("assignees added");
    if (was.assignees.some((a) => !now.assignees.includes(a))) add("assignees removed");
    if (now.state !== was.state) add(now.state === "closed" ? "issue closed" : "issue reopened");
    if (now.title !== was.title || now.body !== was.body) add("issue edited");
    if (now.reviewers.some((r) => !was.reviewers.includes(r))) add("reviewers requested");
  }
  for (const [id, now] of after.comments) {
    const was = before.comments.get(id);
    if (!was) {
      if (now.user === bot) add("comment created");
    } else if (was.body !== now.body && now.user === bot) {
      add("comment edited");
    }
    const mine = (list: string[]) => list.filter((r) => r.startsWith(`${bot}:`));
    add(
      "reaction added",
      mine(now.reactionsBy).filter((r) => !mine(was?.reactionsBy ?? []).includes(r)).length,
    );
  }
  for (const id of before.comments.keys()) {
    if (!after.comments.has(id) && before.comments.get(id)?.user === bot) add("comment deleted");
  }
  for (const [key, now] of after.checks) {
    const was = before.checks.get(key);
    if (!was) add("check run created");
    else if (was.conclusion !== now.conclusion || was.title !== now.title || was.summary !== now.summary)
      add("check run changed");
  }
  return { total: Object.values(units).reduce((a, b) => a + b, 0), units };
}
